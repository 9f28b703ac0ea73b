local Point = {}
Point.__index = Point
Point.__tostring = function(p) return "(" .. p.x .. "," .. p.y .. ")" end
local function new(x, y) return setmetatable({x = x, y = y}, Point) end
local p = new(1, 2)
print(p, tostring(p), new(3, 4))
print("value: " .. tostring(p))
local weird = setmetatable({}, {__tostring = function() return 123 end})
print(tostring(weird), type(tostring(weird)))
print(weird)
local bad = setmetatable({}, {__tostring = function() return {} end})
print(type(tostring(bad)))
print(pcall(print, bad))
