-- string.rep building larger strings
local s = string.rep("0123456789", 10000)
print(#s, s:sub(99991, 100000), s:byte(50001))
local t = string.rep(string.rep("a", 100), 100)
print(#t, t == string.rep("a", 10000))
print(#string.rep("xyz", 33333))
