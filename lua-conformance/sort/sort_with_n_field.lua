-- sort uses #t: a table with extra fields sorts its sequence only
local t = { 3, 1, 2, n = 10, x = "y" }
table.sort(t)
print(t[1], t[2], t[3], t.n, t.x)
local u = { [0] = 9, 3, 1, 2 }
table.sort(u)
print(u[0], u[1], u[2], u[3])
