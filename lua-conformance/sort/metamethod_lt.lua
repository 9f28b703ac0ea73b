-- sort uses __lt for tables without a comparator
local mt = { __lt = function(a, b) return a.v < b.v end }
local t = {}
for i, v in ipairs({ 5, 2, 9, 1, 7 }) do t[i] = setmetatable({ v = v }, mt) end
table.sort(t)
local r = {}
for i, x in ipairs(t) do r[i] = x.v end
print(table.concat(r, " "))
local calls = 0
local mt2 = { __lt = function(a, b) calls = calls + 1; return a.v > b.v end }
for i, x in ipairs(t) do setmetatable(x, mt2) end
table.sort(t)
for i, x in ipairs(t) do r[i] = x.v end
print(table.concat(r, " "), calls)
