-- without randomseed the generator starts as srand(1)
local t = {}
for i = 1, 8 do t[i] = math.random(1000000) end
print(table.concat(t, " "))
