-- 5.1 compatibility: a vararg function that does not use '...' gets a local 'arg' table
function f(...) return arg end
local a = f(1, nil, 3, nil)
print(type(a), a.n, a[1], a[2], a[3], a[4])
local e = f()
print(e.n, #e)
function g(...) local x = ... return arg end
print(g(1, 2))
function h(a, b, ...) return arg.n, arg[1], a, b end
print(h(1, 2, 3, 4, 5))
print(h(1))
function k(...) local arg = "shadow" return arg end
print(k(1))
function m(...) return select('#', ...), arg end
print(m(1, 2))
