-- right-hand side values are all computed before assignment
local log = {}
local function v(x) log[#log + 1] = x; return x end
local a, b, c = v(1), v(2), v(3)
print(table.concat(log, ""), a, b, c)
local t = {}
t.x, t.y = v("p"), v("q")
print(t.x, t.y)
local s = {10, 20}
local k = 1
k, s[k] = 2, s[2]
print(k, s[1], s[2])
