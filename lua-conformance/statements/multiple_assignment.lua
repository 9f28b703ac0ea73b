local a, b = 1, 2
a, b = b, a
print(a, b)
local x, y, z = 1, 2, 3
x, y, z = z, x, y
print(x, y, z)
-- all expressions are evaluated before any assignment
local i = 3
local t = {}
i, t[i] = i + 1, 20
print(i, t[3], t[4])
local u = {1, 2, 3}
local j = 1
j, u[j] = j + 1, "first"
print(j, u[1], u[2])
local p, q = 1
print(p, q)
p, q = 1, 2, 3
print(p, q)
local function mr() return 7, 8, 9 end
p, q = mr()
print(p, q)
p, q = mr(), 0
print(p, q)
