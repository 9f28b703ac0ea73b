-- table.foreach and foreachi
local keys = {}
table.foreach({ a = 1, b = 2, c = 3 }, function(k, v) keys[#keys + 1] = k .. v end)
table.sort(keys)
print(table.concat(keys, ","))
local seq = {}
table.foreachi({ "x", "y", "z" }, function(i, v) seq[#seq + 1] = i .. v end)
print(table.concat(seq, ","))
print(table.foreachi({ 1, 2, 3 }, function(i, v) if v == 2 then return "stop" .. i end end))
print(table.foreach({ 5 }, function(k, v) return k, v end))
print(table.foreachi({ 1, 2 }, function() return false end))
print(table.foreachi({}, print))
print(pcall(table.foreach, {}, 1))
print(pcall(table.foreachi, nil, print))
print(pcall(table.foreach, { 1 }))
