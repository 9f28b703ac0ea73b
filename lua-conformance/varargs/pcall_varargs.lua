print(pcall(function(...) return ... end, 1, 2, 3))
print(pcall(function(...) return select('#', ...) end, nil, nil))
print(select('#', pcall(function() end)))
print(pcall(select, '#', 1, 2))
local function multi() return nil, false, nil end
print(pcall(multi))
print(select('#', pcall(multi)))
