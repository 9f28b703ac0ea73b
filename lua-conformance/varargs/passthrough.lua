local function id(...) return ... end
print(id())
print(id(1, nil, 3))
print(select('#', id(nil, nil)))
local function wrap(...) return id(...) end
print(wrap("a", "b"))
local function count(...) return select('#', ...) end
print(count(id(1, 2, 3)), count(id(1, 2, 3), 4), count(4, id(1, 2, 3)))
local t = {id(1, 2, 3)}
print(#t)
print((id(5, 6, 7)))
