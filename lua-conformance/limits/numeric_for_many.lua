local n = 0
for i = 1, 3000000 do n = n + 1 end
print(n)
local s = 0
for i = 3000000, 1, -1 do s = s + i end
print(s)
