-- table.insert at the end and at positions
local t = {}
table.insert(t, "a")
table.insert(t, "b")
table.insert(t, 1, "c")
table.insert(t, 2, "d")
print(table.concat(t, ","), #t)
table.insert(t, #t + 1, "e")
print(table.concat(t, ","))
table.insert(t, 10, "far")
print(#t == 5 or #t == 10, t[10], t[6])
local u = { 1, 2, 3 }
table.insert(u, 2.5, "x")
print(table.concat(u, ","))
table.insert(u, "2", "y")
print(table.concat(u, ","))
