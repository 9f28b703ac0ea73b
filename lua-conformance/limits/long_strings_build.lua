local parts = {}
for i = 1, 100000 do parts[i] = "abcdefghij" end
local s = table.concat(parts)
print(#s, s:sub(1, 3), s:sub(-3), s:byte(500000))
local t = {}
t[s] = "long key"
print(t[table.concat(parts)])
local src = "return [[" .. string.rep("x", 1000000) .. "]]"
local v = loadstring(src)()
print(#v)
local lines = "return [[" .. string.rep("line\n", 10000) .. "]]"
print(#loadstring(lines)())
