-- string.byte returning many values
local s = string.rep("x", 200)
local t = { s:byte(1, -1) }
print(#t, t[1], t[200])
local sum = 0
for i = 0, 255 do sum = sum + string.char(i):byte() end
print(sum)
print(pcall(string.byte, "abc", {}))
print(pcall(string.byte))
print(string.byte(123, 2), string.byte(1.5, 2))
