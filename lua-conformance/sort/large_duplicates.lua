-- sort of 10,000 elements with many duplicates (deterministic LCG)
local seed = 42
local function rnd() seed = (seed * 1103515245 + 12345) % 2147483648; return seed end
local t = {}
for i = 1, 10000 do t[i] = rnd() % 100 end
table.sort(t)
local ok, sum = true, 0
for i = 1, #t do
  sum = sum + t[i]
  if i > 1 and t[i - 1] > t[i] then ok = false end
end
print(#t, ok, sum, t[1], t[5000], t[10000])
local counts = {}
for i = 1, #t do counts[t[i]] = (counts[t[i]] or 0) + 1 end
print(counts[0], counts[50], counts[99])
