-- sizes 1..12 with a reversed input: results and comparison counts
for n = 1, 12 do
  local t = {}
  for i = 1, n do t[i] = n - i end
  local c = 0
  table.sort(t, function(a, b) c = c + 1; return a < b end)
  print(n, c, table.concat(t, ","))
end
