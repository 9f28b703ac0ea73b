local src = "--[[" .. string.rep("comment text ", 100000) .. "]] return 'after comment'"
print(loadstring(src)())
local lines = string.rep("-- line comment\n", 50000) .. "return 50001"
print(loadstring(lines)())
local f = loadstring(string.rep("\n", 100000) .. "error('far down')")
print(pcall(f))
