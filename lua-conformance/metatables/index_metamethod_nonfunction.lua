-- __index may be a table that itself has an __index
local base = {hello = "hi"}
local mid = setmetatable({}, {__index = base})
local t = setmetatable({}, {__index = mid})
print(t.hello)
-- __index as a string: indexing the string via the string metatable
local s = setmetatable({}, {__index = "abc"})
print(pcall(function() return s.len == string.len end))
local n = setmetatable({}, {__index = 5})
print(pcall(function() return n.x end))
