-- getn on tables built by the constructor, by insert, and shrunk by remove
local a = { 1, 2, 3, 4, 5 }
local b = {}
for i = 1, 5 do table.insert(b, i) end
print(table.getn(a), table.getn(b), #a, #b)
table.remove(a); table.remove(b, 1)
print(table.getn(a), table.getn(b))
print(table.getn({ n = 3 }), table.getn({ "x", n = 10 }))
