-- char(byte(s, 1, -1)) reproduces s
local t = {}
for i = 255, 0, -1 do t[#t + 1] = string.char(i) end
local s = table.concat(t)
print(string.char(s:byte(1, -1)) == s, #s)
local u = {}
for i = 1, #s, 16 do u[#u + 1] = string.format("%02x", s:byte(i)) end
print(table.concat(u, " "))
