local src = 'return "' .. string.rep("\\65", 50000) .. '"'
local s = loadstring(src)()
print(#s, s:sub(1, 5))
local src2 = 'return "' .. string.rep("a\\n", 50000) .. '"'
print(#loadstring(src2)())
