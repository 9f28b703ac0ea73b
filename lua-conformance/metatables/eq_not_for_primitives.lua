-- __eq is not consulted for values that are primitively equal or for different types
local called = false
local mt = {__eq = function() called = true return false end}
local t = setmetatable({}, mt)
print(t == t, called)
print(t ~= t, called)
local u = setmetatable({}, mt)
print(t == u, called)
