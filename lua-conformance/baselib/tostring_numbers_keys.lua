-- tostring of numbers is stable and matches concatenation
local vals = {0, 1, -1, 0.5, 1/3, 1e15, 1e16, 123456789, 2^31, -2^31, 1e-3, 5e-7}
for _, v in ipairs(vals) do print(tostring(v), v .. "", tostring(v) == v .. "") end
-- numbers and their string forms are different table keys
local t = {}
for _, v in ipairs(vals) do t[v] = "n"; t[tostring(v)] = "s" end
print(t[1], t["1"], t[0.5], t["0.5"], t[1e15], t["1e+15"])
print(tonumber(tostring(1/3)) == 1/3, tonumber(tostring(0.1)) == 0.1)
