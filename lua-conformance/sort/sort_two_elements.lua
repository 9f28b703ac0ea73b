-- the smallest cases: one comparison for two elements, three for three
for _, t in ipairs({ { 1, 2 }, { 2, 1 }, { 1, 1 }, { 1, 2, 3 }, { 3, 2, 1 }, { 2, 3, 1 }, { 1, 3, 2 } }) do
  local c = {}
  table.sort(t, function(a, b) c[#c + 1] = a .. b; return a < b end)
  print(table.concat(t), table.concat(c, " "))
end
