-- argument errors through method calls keep the plain function name
local s = "abc"
print(pcall(function() return s:rep() end))
print(pcall(function() return s:sub() end))
print(pcall(function() return s:find() end))
print(pcall(function() return s:byte({}) end))
print(pcall(function() return s:format() end))
print(pcall(function() return s:gsub("a") end))
print(pcall(function() return s:char() end))
