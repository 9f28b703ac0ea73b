local up
local num = 5
print(pcall(function() return up.x end))
print(pcall(function() up() end))
print(pcall(function() return up + 1 end))
print(pcall(function() return num.x end))
print(pcall(function() return #num end))
print(pcall(function() return up .. "s" end))
print(pcall(function() up.x = 1 end))
