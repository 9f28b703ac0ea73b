-- remove at #t + 1 and on empty tables
local t = { 1, 2, 3 }
print(table.remove(t, 4), #t)
print(table.remove({}, 0), table.remove({}, 1))
local u = { [0] = "zero" }
print(table.remove(u), u[0])
local v = { "only" }
print(table.remove(v, 1), #v, v[1])
