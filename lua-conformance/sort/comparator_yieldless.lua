-- comparators may modify upvalues and see the partially sorted table
local t = { 4, 2, 5, 1, 3 }
local seen = {}
table.sort(t, function(a, b)
  seen[#seen + 1] = table.concat(t, "")
  return a < b
end)
print(table.concat(t, " "), #seen)
print(table.concat(seen, " "))
