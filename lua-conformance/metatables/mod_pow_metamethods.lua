local mt = {
  __mod = function(a, b) return "mod" end,
  __pow = function(a, b) return "pow" end,
  __div = function(a, b) return "div" end,
}
local x = setmetatable({}, mt)
print(x % 2, 2 % x, x ^ 2, 2 ^ x, x / 1, 1 / x)
print(pcall(function() return x * 2 end))
