-- numeric strings are accepted as for bounds
local r = {}
for i = "1", "3" do r[#r + 1] = i .. ":" .. type(i) end
print(table.concat(r, " "))
r = {}
for i = 1, 10, "4" do r[#r + 1] = i end
print(table.concat(r, " "))
r = {}
for i = " 0x2 ", 3 do r[#r + 1] = i end
print(table.concat(r, " "))
print(pcall(function() for i = "a", 2 do end end))
print(pcall(function() for i = 1, "b" do end end))
print(pcall(function() for i = 1, 2, {} do end end))
print(pcall(function() for i = nil, 2 do end end))
