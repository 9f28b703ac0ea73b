-- table.sort of 100,000 strings (default comparator).
local seed = 31337
local function rnd() seed = (seed * 1103515245 + 12345) % 2147483648; return seed end
local acc = 0
for r = 1, 8 do
  local t = {}
  for i = 1, 100000 do t[i] = "key:" .. (rnd() % 1000000) end
  table.sort(t)
  acc = acc + #t[1] + tonumber(t[50000]:sub(5)) + tonumber(t[100000]:sub(5))
end
print("lib_sort_str", acc)
