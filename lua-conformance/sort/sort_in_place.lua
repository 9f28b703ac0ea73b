-- sort returns nothing and sorts in place; aliases see the change
local t = { 3, 1, 2 }
local alias = t
print(select("#", table.sort(t)))
print(alias[1], alias[2], alias[3])
