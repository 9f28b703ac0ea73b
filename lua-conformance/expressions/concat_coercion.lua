print(1 .. 2, 1 .. "", 1.5 .. "", -1 .. "")
print(1e100 .. "", 2^53 .. "", 2^63 .. "", -0 .. "")
print(0.1 .. "", 1/3 .. "", 100 .. "", 1e15 .. "", 1e16 .. "")
print("a" .. 1 .. 2, 1 .. 2 .. 3)
print(pcall(function() return "a" .. nil end))
print(pcall(function() return "a" .. true end))
print(pcall(function() return {} .. "a" end))
local t = {}
for i = 1, 5 do t[#t + 1] = i .. "" end
print(table.concat(t, "+"))
