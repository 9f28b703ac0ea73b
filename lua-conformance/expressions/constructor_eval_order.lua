local log = {}
local function f(x) log[#log + 1] = x return x end
local t = {f(1), f(2), k = f(3), [f(4)] = f(5), f(6)}
print(table.concat(log, " "))
print(t[1], t[2], t[3], t.k, t[4])
log = {}
local a = f("a") .. f("b") .. f("c")
print(a, table.concat(log, " "))
log = {}
local s = f(1) + f(2) * f(3)
print(s, table.concat(log, " "))
log = {}
print(f(1) < f(2), table.concat(log, " "))
log = {}
local function g(...) return select('#', ...) end
print(g(f("x"), f("y"), f("z")), table.concat(log, " "))
