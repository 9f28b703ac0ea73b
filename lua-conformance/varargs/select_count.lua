print(select('#'))
print(select('#', nil))
print(select('#', nil, nil, nil))
print(select('#', 1, nil, 3, nil))
local function f(...) return select('#', ...) end
print(f(), f(nil), f(1, 2), f(unpack({1, 2, 3})))
print(f(unpack({}, 1, 5)))
