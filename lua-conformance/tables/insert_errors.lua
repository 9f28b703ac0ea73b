-- table.insert argument errors
print(pcall(table.insert, {}))
print(pcall(table.insert, {}, 1, 2, 3))
print(pcall(table.insert))
print(pcall(table.insert, nil, 1))
print(pcall(table.insert, {}, "x", 1))
print(pcall(function() table.insert({}, 1, 2, 3) end))
print(pcall(function() table.insert({}) end))
local t = {}
table.insert(t, nil)
print(#t)
table.insert(t, 1, nil)
print(#t)
