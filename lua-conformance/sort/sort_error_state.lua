-- a failing comparator leaves the table partly sorted, as in 5.1
local t = { 5, 4, 3, 2, 1, 10, 9, 8, 7, 6 }
local n = 0
print(pcall(table.sort, t, function(a, b)
  n = n + 1
  if n == 12 then error("stop", 0) end
  return a < b
end))
print(table.concat(t, " "))
