-- maxn and # on sequences built in different ways
local t = {}
for i = 1, 100 do t[i] = i end
print(#t, table.maxn(t), table.getn(t))
for i = 51, 100 do t[i] = nil end
print(#t, table.maxn(t))
local h = {}
h[3] = 1; h[1] = 1; h[2] = 1
print(#h, table.maxn(h))
h[1.5] = 1; h[-7] = 1; h.x = 1
print(table.maxn(h))
