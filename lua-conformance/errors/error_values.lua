local t = {}
local ok, e = pcall(error, t)
print(ok, e == t)
print(pcall(error, nil))
print(pcall(error))
print(pcall(function() error(42) end))
print(pcall(function() error(42, 0) end))
print(pcall(function() error(true) end))
print(pcall(function() error(3.5, 2) end))
print(select('#', pcall(error)))
local f = function() end
ok, e = pcall(error, f)
print(ok, e == f)
