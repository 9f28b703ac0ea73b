-- Clearing fields during traversal, and next() from a removed key.
local t = {}
for i = 1, 10 do t["f" .. i] = i end
for i = 1, 5 do t[i] = i end
local seen = {}
for k, v in pairs(t) do
  seen[#seen + 1] = tostring(k)
  t[k] = nil
end
print(table.concat(seen, " "))
print(next(t))
local s = {a = 1, b = 2, c = 3, d = 4}
local k = next(s)
s[k] = nil
print(pcall(next, s, k))
local order = {}
for key in pairs(s) do order[#order + 1] = key end
print(table.concat(order, " "))
