-- foreach visits every pair; foreachi goes 1..#t in order
local t = { 10, 20, 30, x = 1, y = 2 }
local n, sum = 0, 0
table.foreach(t, function(k, v) n = n + 1; sum = sum + v end)
print(n, sum)
local order = {}
table.foreachi(t, function(i, v) order[#order + 1] = i .. "=" .. v end)
print(table.concat(order, " "))
print(pcall(table.foreach, t, function(k, v) error("stop at " .. type(k), 0) end))
