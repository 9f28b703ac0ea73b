-- separators of different kinds
local t = { "a", "b", "c" }
print(table.concat(t, ""), table.concat(t, " "), table.concat(t, "\n"), table.concat(t, 12))
print(#table.concat(t, "\0"), table.concat(t, "--", 2), table.concat(t, nil, 1, 2))
