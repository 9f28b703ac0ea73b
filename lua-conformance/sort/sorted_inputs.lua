-- already sorted, reversed and constant inputs of several sizes
local function count(t, f)
  local n = 0
  table.sort(t, function(a, b) n = n + 1; return f(a, b) end)
  return n
end
local lt = function(a, b) return a < b end
for _, n in ipairs({ 10, 100, 1000 }) do
  local asc, desc, same = {}, {}, {}
  for i = 1, n do asc[i] = i; desc[i] = n - i; same[i] = 7 end
  print(n, count(asc, lt), count(desc, lt), count(same, lt), asc[n], desc[1], same[1])
end
