-- custom comparators
local t = { 5, 3, 8, 1, 9, 2 }
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
local words = { "pear", "fig", "banana", "kiwi", "apple" }
table.sort(words, function(a, b) return #a < #b or (#a == #b and a < b) end)
print(table.concat(words, " "))
local recs = { { n = "b", a = 2 }, { n = "a", a = 2 }, { n = "c", a = 1 } }
table.sort(recs, function(x, y) if x.a ~= y.a then return x.a < y.a end return x.n < y.n end)
for _, r in ipairs(recs) do print(r.n, r.a) end
