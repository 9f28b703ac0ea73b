-- the values in ... are copies; changing a local copy does not change them
local function f(...)
  local a = ...
  a = "changed"
  return ..., a
end
print(f("orig", 2))
local function g(...)
  local t = {...}
  t[1] = "x"
  return ...
end
print(g("y", "z"))
