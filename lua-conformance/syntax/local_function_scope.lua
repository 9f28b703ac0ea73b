-- 'local function f' sees itself; 'local f = function' does not
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(10))
local g = function(n) if n <= 1 then return 1 end return n * g(n - 1) end
print(pcall(g, 3))
local h
h = function(n) if n <= 1 then return 1 end return n * h(n - 1) end
print(h(5))
local x = 1
local x = x + 1
print(x)
local y = function() return y end
print(y())
