-- sorting indices by a key table
local scores = { alice = 82, bob = 95, carol = 82, dave = 70, eve = 95 }
local names = {}
for n in pairs(scores) do names[#names + 1] = n end
table.sort(names)
table.sort(names, function(a, b)
  if scores[a] ~= scores[b] then return scores[a] > scores[b] end
  return a < b
end)
for i, n in ipairs(names) do print(i, n, scores[n]) end
