local t = {}
print(setmetatable(t, {}) == t)
print(getmetatable(t) ~= nil)
setmetatable(t, nil)
print(getmetatable(t))
print(pcall(setmetatable, t))
print(pcall(setmetatable, 1, {}))
print(pcall(setmetatable, t, 1))
print(pcall(setmetatable, "s", {}))
local mt = {}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(getmetatable(a) == getmetatable(b))
