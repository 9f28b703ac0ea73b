-- 10,000 floats from a deterministic generator
local seed = 99
local function rnd() seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 end
local t = {}
for i = 1, 10000 do t[i] = rnd() * 2 - 1 end
table.sort(t)
local ok = true
for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
print(ok, string.format("%.6f %.6f %.6f", t[1], t[5000], t[10000]))
table.sort(t, function(a, b) return a > b end)
print(string.format("%.6f %.6f", t[1], t[10000]))
