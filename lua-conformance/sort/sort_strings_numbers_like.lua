-- numeric strings sort as strings
local t = { "10", "9", "100", "1", "-1", "1e2", "0x10", " 5" }
table.sort(t)
print(table.concat(t, ","))
table.sort(t, function(a, b) return tonumber(a) < tonumber(b) end)
print(table.concat(t, ","))
