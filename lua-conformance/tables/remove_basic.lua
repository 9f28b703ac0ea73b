-- table.remove from the end and from positions
local t = { "a", "b", "c", "d" }
print(table.remove(t), #t, table.concat(t, ","))
print(table.remove(t, 1), #t, table.concat(t, ","))
print(table.remove(t, 2), #t, table.concat(t, ","))
print(table.remove(t), table.remove(t), #t)
print(select("#", table.remove(t)), select("#", table.remove({})))
local u = { 1, 2, 3 }
print(table.remove(u, 5), table.remove(u, 0), table.remove(u, -1), #u)
print(table.remove(u, "2"), table.concat(u, ","))
print(pcall(table.remove))
print(pcall(table.remove, {}, "x"))
