-- a type error part way through leaves the table as 5.1 leaves it
local t = {}
for i = 1, 20 do t[i] = (i * 7) % 20 end
t[13] = "x"
print(pcall(table.sort, t))
local r = {}
for i = 1, 20 do r[i] = tostring(t[i]) end
print(table.concat(r, " "))
local s = {}
for i = 1, 20 do s[i] = string.char(65 + (i * 7) % 20) end
s[5] = 5
print(pcall(table.sort, s))
print(table.concat(s, " "))
