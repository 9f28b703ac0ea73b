-- sort, concat and insert working together
local names = {}
for w in ("delta alpha charlie bravo echo"):gmatch("%a+") do table.insert(names, w) end
table.sort(names)
print(table.concat(names, ","))
table.insert(names, 3, "bb")
print(table.concat(names, ",", 2, 4))
print(table.remove(names, 1), table.concat(names, ";"))
