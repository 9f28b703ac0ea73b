local function f(a, b, ...)
  return a, b, select('#', ...), ...
end
print(f())
print(f(1))
print(f(1, 2))
print(f(1, 2, 3))
print(f(1, 2, 3, nil, nil))
local function g(a, a2) return a, a2 end
print(g(1, 2, 3))
