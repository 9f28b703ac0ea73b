-- metamethods are looked up with raw access in the metatable
local meta_of_meta = {__index = function(_, k) if k == "__add" then return function() return "found" end end end}
local mt = setmetatable({}, meta_of_meta)
local t = setmetatable({}, mt)
print(mt.__add ~= nil)
print(pcall(function() return t + 1 end))
local mt2 = {}
local u = setmetatable({}, mt2)
mt2.__index = function(_, k) return "late " .. k end
print(u.key)
mt2.__index = nil
print(u.key)
