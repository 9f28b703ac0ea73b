-- a queue with insert at the front and removal at the back
local q = {}
for i = 1, 20 do table.insert(q, 1, i) end
local out = {}
while #q > 0 do out[#out + 1] = table.remove(q) end
print(table.concat(out, " "))
local s = {}
for i = 1, 10 do table.insert(s, i) end
for i = 1, 5 do table.remove(s, 1) end
print(table.concat(s, " "), #s)
