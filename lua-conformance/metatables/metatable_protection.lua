local t = setmetatable({}, {__metatable = "locked"})
print(getmetatable(t))
print(pcall(setmetatable, t, {}))
print(pcall(function() setmetatable(t, nil) end))
local u = setmetatable({}, {__metatable = false})
print(getmetatable(u))
print(pcall(function() setmetatable(u, {}) end))
local mt = {}
mt.__metatable = mt
local w = setmetatable({}, mt)
print(getmetatable(w) == mt)
print(getmetatable("").__metatable)
