print(xpcall(function() error("first") end, function() error("in handler") end))
print(xpcall(function() error("first") end, nil))
print(xpcall(function() error("first") end, 42))
local depth = 0
print(xpcall(function() error("e") end, function(m) depth = depth + 1 return m .. "/" .. depth end))
