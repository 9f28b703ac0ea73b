-- table functions take C ints: only the low 32 bits of a position count
local t = { "a", "b", "c" }
print(pcall(table.concat, t, ",", 2^32 + 1, 2^32 + 2))
print(pcall(table.insert, t, 2^32 + 1, "z"))
print(t[1], t[2], t[3], t[4])
print(pcall(table.remove, { 1, 2, 3 }, 2^32 + 2))
print(table.concat({ "x", "y" }, "-", 1, 2^63) == "")
