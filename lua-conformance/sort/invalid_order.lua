-- inconsistent comparators: the error or the result of 5.1
print(pcall(table.sort, { 3, 1, 2, 5, 4 }, function(a, b) return true end))
print(pcall(table.sort, { 1, 2, 3 }, function(a, b) return true end))
local t = { 5, 1, 4, 2, 3, 9, 8, 7, 6, 0 }
print(pcall(table.sort, t, function(a, b) return a <= b end))
print(table.concat(t, " "))
local u = { 1, 1, 1, 1, 1, 1 }
print(pcall(table.sort, u, function(a, b) return a <= b end))
local v = { 4, 3, 2, 1 }
print(pcall(table.sort, v, function() return false end))
print(table.concat(v, " "))
