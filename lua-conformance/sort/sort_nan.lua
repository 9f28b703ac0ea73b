-- nan compares false with everything; sort of numbers around it keeps going
local nan = 0/0
local t = { 3, 1, 2 }
table.sort(t, function(a, b) return a < b end)
print(t[1], t[2], t[3])
print(pcall(table.sort, { 5, 4, 3, 2, 1 }, function(a, b) return nan < nan end))
