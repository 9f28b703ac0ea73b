-- 10,000 records sorted with a two-key comparator
local seed = 2024
local function rnd() seed = (seed * 1103515245 + 12345) % 2147483648; return seed end
local t = {}
for i = 1, 10000 do t[i] = { a = rnd() % 10, b = rnd() % 1000, id = i } end
local calls = 0
table.sort(t, function(x, y)
  calls = calls + 1
  if x.a ~= y.a then return x.a < y.a end
  return x.b < y.b
end)
local ok = true
for i = 2, #t do
  local x, y = t[i - 1], t[i]
  if x.a > y.a or (x.a == y.a and x.b > y.b) then ok = false end
end
print(ok, calls, t[1].id, t[5000].id, t[10000].id)
