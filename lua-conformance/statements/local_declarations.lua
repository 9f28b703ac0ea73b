local a, b, c = 1, 2
print(a, b, c)
local d, e = 1, 2, 3
print(d, e)
local f
print(f)
local function mr() return "x", "y", "z" end
local g, h, i, j = mr()
print(g, h, i, j)
local k, l, m = mr(), "w"
print(k, l, m)
local n, o = (mr())
print(n, o)
local p = 1
local p = p + 1
local p = p * 10
print(p)
