-- extracting numbers with patterns
local s = "x=12, y=-3.5, z=1e3, w=.5, v=0x1F"
local t = {}
for n in s:gmatch("[-+]?%d*%.?%d+") do t[#t + 1] = n end
print(table.concat(t, " "))
t = {}
for k, v in s:gmatch("(%a)=(%S+)") do t[#t + 1] = k .. ":" .. tostring(tonumber((v:gsub(",$", "")))) end
print(table.concat(t, " "))
