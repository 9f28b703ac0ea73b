local log = {}
local t = setmetatable({a = 1}, {__newindex = function(t, k, v) log[#log+1] = k; rawset(t, k, v) end})
t.a = 2; t.b = 3; t.a = nil; t.a = 4
print(t.a, t.b, table.concat(log, ","))
local A = {x = "ax"}; A.__index = A
local B = setmetatable({}, A); B.__index = B
local C = setmetatable({}, {__index = function(_, k) return "fn:" .. k end})
local D = setmetatable({}, {__index = C})
local o = setmetatable({}, B)
print(o.x, o.y, D.z, D[1])
local c1, c2 = {}, {}
setmetatable(c1, {__index = c2}); setmetatable(c2, {__index = c1})
print(pcall(function() return c1.k end))
print(pcall(function() return c1[5] end))
local s = setmetatable({}, {__index = "str"})
print(type(select(2, pcall(function() return s.len end))))
local ro = setmetatable({}, {__index = 5})
print(pcall(function() return ro.foo end))
