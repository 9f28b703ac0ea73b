-- __call must be a function; a callable table as __call is not followed
local inner = setmetatable({}, {__call = function() return "inner" end})
local outer = setmetatable({}, {__call = inner})
print(inner())
print(pcall(outer))
local bad = setmetatable({}, {__call = 42})
print(pcall(bad))
print(pcall(function() local x = setmetatable({}, {}) return x() end))
