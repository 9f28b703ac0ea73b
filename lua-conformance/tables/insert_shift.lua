-- insert in the middle shifts elements up, remove shifts them down
local t = {}
for i = 1, 10 do t[i] = i end
table.insert(t, 5, "x")
print(table.concat(t, " "))
table.insert(t, 1, "first")
table.insert(t, #t, "penult")
print(table.concat(t, " "))
print(table.remove(t, 6), table.remove(t, 1), table.remove(t, #t - 1))
print(table.concat(t, " "), #t)
