-- when a C function is called directly by pcall its name is unknown ('?')
print(pcall(setmetatable, 1, {}))
print(pcall(tonumber, "1", 100))
print(pcall(function() return tonumber("1", 100) end))
local t = {f = tonumber}
print(pcall(function() return t.f("1", 100) end))
local loc = tonumber
print(pcall(function() return loc("1", 100) end))
print(pcall(function() return string.rep() end))
print(pcall(function() return ("x"):rep() end))
