-- concat of many pieces, with and without separator
local t = {}
for i = 1, 20000 do t[i] = i % 10 end
local s = table.concat(t)
print(#s, s:sub(1, 12), s:sub(-5))
local u = table.concat(t, ", ")
print(#u, u:sub(1, 14))
local w = {}
for i = 1, 5000 do w[i] = string.rep("x", i % 7) end
print(#table.concat(w), #table.concat(w, "|"))
