-- table.sort of 100,000 numbers (default comparator), random and presorted.
local seed = 99
local function rnd() seed = (seed * 1103515245 + 12345) % 2147483648; return seed end
local acc = 0
for r = 1, 8 do
  local t = {}
  for i = 1, 100000 do t[i] = rnd() % 1000000 + 0.5 end
  table.sort(t)
  acc = acc + t[1] + t[50000] + t[100000]
  table.sort(t)
  acc = acc + t[2]
end
print("lib_sort_num", acc)
