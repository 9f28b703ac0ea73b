-- ordering between different types is an error even with metamethods
local mt = {__lt = function() return true end, __le = function() return true end}
local t = setmetatable({}, mt)
print(pcall(function() return t < 1 end))
print(pcall(function() return 1 < t end))
print(pcall(function() return t <= "x" end))
print(pcall(function() return t < t end))
-- two tables with different __lt metamethods
local u = setmetatable({}, {__lt = function() return false end})
print(pcall(function() return t < u end))
print(pcall(function() return {} < {} end))
