local t = {10, 20, 30, a = "x", b = "y", [3.5] = "f", [true] = "t"}
local keys = {}
for k, v in pairs(t) do keys[#keys + 1] = type(k) .. ":" .. tostring(k) .. "=" .. tostring(v) end
table.sort(keys)
print(table.concat(keys, " "))
local f, s, init = pairs(t)
print(f == next, s == t, init)
-- __pairs does not exist in 5.1
local p = setmetatable({real = 1}, {__pairs = function() error("should not be called") end})
local c = 0
for k in pairs(p) do c = c + 1 end
print(c)
-- clearing fields during traversal is allowed
local big = {}
for i = 1, 50 do big["k" .. i] = i end
for k in pairs(big) do big[k] = nil end
print(next(big))
