-- table.concat with separators and ranges
local t = { "a", "b", "c", "d" }
print(table.concat(t), table.concat(t, ","), table.concat(t, ", ", 2), table.concat(t, "-", 2, 3))
print(table.concat(t, "x", 3, 2) == "", table.concat({}) == "", table.concat({}, ",") == "")
print(table.concat(t, "", 4, 4), table.concat(t, "", 1, 1))
print(table.concat({ 1, 2.5, "x", -0.0, 1e100 }, " "))
print(table.concat(t, 1), table.concat(t, 0.5))
print(table.concat({ "a", "b" }, "\0") == "a\0b")
