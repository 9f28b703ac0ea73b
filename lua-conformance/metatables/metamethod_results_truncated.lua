local mt = {
  __add = function() return 1, 2, 3 end,
  __index = function() return "a", "b" end,
  __call = function() return "c1", "c2" end,
  __lt = function() return false, true end,
}
local t = setmetatable({}, mt)
print(t + t)
print(t.x)
print(t())
print(t < t)
