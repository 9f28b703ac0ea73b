-- sort of 10,000 strings
local seed = 7
local function rnd() seed = (seed * 1103515245 + 12345) % 2147483648; return seed end
local t = {}
for i = 1, 10000 do t[i] = "k" .. (rnd() % 5000) end
table.sort(t)
local ok = true
for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
print(ok, t[1], t[2], t[5000], t[9999], t[10000])
table.sort(t, function(a, b) return a > b end)
print(t[1], t[10000])
