local function count(...) return select('#', ...) end
local function fwd(...) return count(...) end
print(fwd(), fwd(nil), fwd(1, 2, 3))
local function loop(n, ...)
  if n == 0 then return ... end
  return loop(n - 1, ...)
end
print(loop(100000, "a", "b", nil))
print(select('#', loop(10, nil, nil)))
