-- sort of floats, negatives and huge values
local t = { 1/0, -1/0, 0.5, -0.5, 1e308, -1e308, 0, 3, 2.9999999999999, 1e-300 }
table.sort(t)
print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
