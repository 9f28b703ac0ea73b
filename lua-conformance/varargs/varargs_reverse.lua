local function reverse(...)
  local n = select('#', ...)
  local r = {}
  for i = 1, n do r[i] = select(n - i + 1, ...) end
  return unpack(r, 1, n)
end
print(reverse(1, 2, 3, 4))
print(reverse("a", nil, "c"))
print(select('#', reverse(nil, nil)))
local function append(x, ...)
  local n = select('#', ...)
  if n == 0 then return x end
  return ..., x
end
print(append(1, 2, 3))
