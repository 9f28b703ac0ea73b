-- foreachi stops at #t and passes nil for holes within it
local t = { 1, 2, 3 }
local n = 0
table.foreachi(t, function(i, v) n = n + 1 end)
print(n)
local r = {}
table.foreachi({ "a", "b", "c", n = 10 }, function(i, v) r[#r + 1] = tostring(v) end)
print(table.concat(r, " "))
