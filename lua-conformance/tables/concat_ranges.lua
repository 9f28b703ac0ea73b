-- explicit i and j, including negative and large ones
local t = { [-1] = "m", [0] = "z", "a", "b", "c" }
print(table.concat(t, ",", -1, 3), table.concat(t, ",", 0), table.concat(t, ",", 3, 3))
print(table.concat(t, ",", 2.9, 3.1), table.concat(t, ",", "1", "2"))
print(pcall(table.concat, t, ",", 1, 4))
local big = {}
for i = 1, 1000 do big[i] = i end
local s = table.concat(big, "+")
print(#s, s:sub(1, 20), s:sub(-10))
