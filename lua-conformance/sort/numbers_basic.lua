-- sorting numbers
local t = { 5, 3, 8, 1, 9, 2, 7, 4, 6, 0 }
table.sort(t)
print(table.concat(t, " "))
t = { 3.5, -1, 2^53, -1e100, 0, 1e-10, 100 }
table.sort(t)
print(table.concat(t, " "))
t = {}
table.sort(t)
print(#t)
t = { 1 }
table.sort(t)
print(t[1])
t = { 2, 1 }
table.sort(t)
print(t[1], t[2])
t = { 3, 2, 1 }
table.sort(t)
print(t[1], t[2], t[3])
