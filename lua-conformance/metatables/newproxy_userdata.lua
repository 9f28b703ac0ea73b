local p = newproxy()
print(type(p), getmetatable(p))
local q = newproxy(true)
local mt = getmetatable(q)
print(type(mt))
mt.__index = function(_, k) return "ud." .. k end
mt.__tostring = function() return "a proxy" end
print(q.field, tostring(q))
local r = newproxy(q)
print(getmetatable(r) == mt, r.other)
print(pcall(newproxy, {}))
