local eqcalls = 0
local function alwaystrue() eqcalls = eqcalls + 1 return true end
local mt = {__eq = alwaystrue}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(a == b, a ~= b, eqcalls)
print(a == a, eqcalls)
-- different metamethods: no call, result false
local c = setmetatable({}, {__eq = function() return true end})
print(a == c, eqcalls)
-- same function in two metatables counts as equal metamethods
local d = setmetatable({}, {__eq = alwaystrue})
print(a == d, eqcalls)
-- only one operand with __eq
print(a == {}, {} == a, eqcalls)
-- never called for different types
print(a == 1, a == "x", a == nil, eqcalls)
print(rawequal(a, b))
local r = setmetatable({}, {__eq = function() return 1 end})
local s = setmetatable({}, getmetatable(r))
print(r == s)
