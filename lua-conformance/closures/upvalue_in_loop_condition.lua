local i = 0
local function step() i = i + 1 return i end
local seen = {}
while step() < 5 do seen[#seen + 1] = i end
print(table.concat(seen, " "), i)
local limitf = function() return i + 2 end
local n = 0
for k = 1, limitf() do n = n + 1 end
print(n)
