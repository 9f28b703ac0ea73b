local mt = {}
local function V(x) return setmetatable({x = x}, mt) end
local function val(v) return type(v) == "table" and v.x or v end
mt.__add = function(a, b) return V(val(a) + val(b)) end
mt.__sub = function(a, b) return V(val(a) - val(b)) end
mt.__mul = function(a, b) return V(val(a) * val(b)) end
mt.__div = function(a, b) return V(val(a) / val(b)) end
mt.__mod = function(a, b) return V(val(a) % val(b)) end
mt.__pow = function(a, b) return V(val(a) ^ val(b)) end
mt.__unm = function(a) return V(-val(a)) end
local a, b = V(7), V(2)
print((a + b).x, (a - b).x, (a * b).x, (a / b).x, (a % b).x, (a ^ b).x, (-a).x)
print((a + 1).x, (1 + a).x, (10 - a).x, (a - 10).x, ("3" * a).x)
print((2 ^ b).x, (b ^ 3).x)
