local r = {}
for i = 1, 5 do r[#r + 1] = i end
print(table.concat(r, " "))
r = {}
for i = 10, 1, -3 do r[#r + 1] = i end
print(table.concat(r, " "))
r = {}
for i = 1, 0 do r[#r + 1] = i end
print(#r)
r = {}
for i = 5, 5 do r[#r + 1] = i end
print(table.concat(r, " "))
r = {}
for i = 1, 2, 0.5 do r[#r + 1] = i end
print(table.concat(r, " "))
r = {}
for i = -1, -2, -0.25 do r[#r + 1] = i end
print(table.concat(r, " "))
r = {}
for i = 1, 3 do local i = i * 2; r[#r + 1] = i end
print(table.concat(r, " "))
print(i)
