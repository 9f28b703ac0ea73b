-- string.dump: a string starting with the binary chunk signature
local function f(a) return a + 1 end
local d = string.dump(f)
print(type(d), d:sub(1, 4) == "\27Lua", d:byte(5))
print(pcall(string.dump, print))
print(pcall(string.dump, string.len))
print(pcall(string.dump))
print(pcall(string.dump, 1))
print(pcall(string.dump, "return 1"))
