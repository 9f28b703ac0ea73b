local t = {}
print(getmetatable(t))
local mt = {}
print(setmetatable(t, mt) == t, getmetatable(t) == mt)
print(getmetatable("abc") == getmetatable(""), getmetatable("").__index == string)
print(getmetatable(1), getmetatable(print), getmetatable(nil))
mt.__metatable = "protected"
print(getmetatable(t))
print(pcall(setmetatable, t, nil))
