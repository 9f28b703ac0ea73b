-- table.insert at zero and negative positions
local t = { "a", "b" }
table.insert(t, 0, "z")
print(t[0], t[1], t[2], t[3])
local u = { "a", "b" }
table.insert(u, -1, "n")
print(u[-1], u[1], u[2], u[3])
local v = { "a" }
table.insert(v, 3, "c")
print(v[1], v[2], v[3])
