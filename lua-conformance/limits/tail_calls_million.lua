local function loop(n) if n == 0 then return "done" end return loop(n - 1) end
print(loop(1000000))
local function a(n) if n == 0 then return "a" end return (select(1, n - 1)) and a(n - 1) end
print(a(100))
local t = setmetatable({}, {__call = function(self, n) if n == 0 then return "callable" end return self(n - 1) end})
print(t(100000))
