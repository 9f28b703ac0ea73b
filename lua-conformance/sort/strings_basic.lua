-- sorting strings byte-wise
local t = { "banana", "apple", "Cherry", "apple2", "", "b", "APPLE", "10", "9", "a\0b", "a" }
table.sort(t)
for i, s in ipairs(t) do t[i] = string.format("%q", s) end
print(table.concat(t, " "))
