-- push/pop stack operations
local st = {}
for i = 1, 100 do table.insert(st, i * i) end
local s = 0
while #st > 50 do s = s + table.remove(st) end
print(s, #st, st[#st], table.remove(st, 1), #st)
