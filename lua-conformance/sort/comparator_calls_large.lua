-- comparator call count and a checksum of the call sequence for 200 elements
local seed = 12345
local function rnd() seed = (seed * 1103515245 + 12345) % 2147483648; return seed end
local t = {}
for i = 1, 200 do t[i] = rnd() % 50 end
local n, h = 0, 0
table.sort(t, function(a, b) n = n + 1; h = (h * 31 + a * 7 + b) % 1000000007; return a < b end)
print(n, h)
print(table.concat(t, " ", 1, 20))
