local t = {10, 20, 30, x = 1, y = 2, z = 3}
local keys = {}
for k, v in pairs(t) do keys[#keys + 1] = tostring(k) .. "=" .. tostring(v) end
table.sort(keys)
print(table.concat(keys, " "))
local sum = 0
for i, v in ipairs(t) do sum = sum + i * v end
print(sum)
local n = 0
for k in pairs({}) do n = n + 1 end
print(n)
for i, v in ipairs({"a", "b", nil, "d"}) do print(i, v) end
for k, v in next, {"only"} do print(k, v) end
