-- string.char
print(string.char(72, 105), string.char() == "", #string.char(0, 0, 0))
print(string.char("65", 66.0, 67.9))
local t = {}
for i = 0, 255 do t[#t + 1] = string.char(i) end
local s = table.concat(t)
print(#s, s:byte(1), s:byte(256), s:sub(66, 70))
print(pcall(string.char, 256))
print(pcall(string.char, -1))
print(pcall(string.char, 65, "x"))
print(pcall(string.char, 65, nil))
