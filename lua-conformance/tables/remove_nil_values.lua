-- table.remove returns the value even if it is false
local t = { false, true, false }
print(table.remove(t), table.remove(t, 1), #t, t[1])
local u = { 1, 2, 3 }
u[#u] = nil
print(table.remove(u), #u)
