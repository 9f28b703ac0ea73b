local calls = 0
local t = setmetatable({a = false, b = 0}, {__index = function() calls = calls + 1 return "default" end})
print(t.a, t.b, t.c, calls)
t.a = nil
print(t.a, calls)
local d = setmetatable({}, {__index = {x = "proto"}})
d.x = nil
print(d.x)
