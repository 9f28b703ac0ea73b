-- quicksort is not stable: the order of equal keys is 5.1's
local t = {}
for i = 1, 30 do t[i] = { k = i % 4, id = i } end
table.sort(t, function(a, b) return a.k < b.k end)
local ids = {}
for i, r in ipairs(t) do ids[i] = r.k .. ":" .. r.id end
print(table.concat(ids, " "))
