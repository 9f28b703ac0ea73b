local function a(...) return ... end
local function b(...) return a(a(...)) end
local function c(...) return b(...), b(...) end
print(c(1, 2))
print(select('#', c()))
print(select('#', c(nil)))
