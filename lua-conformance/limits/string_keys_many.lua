local t = {}
for i = 1, 100000 do t[tostring(i)] = i end
local ok = true
for i = 1, 100000 do if t[tostring(i)] ~= i then ok = false end end
print(ok, t["99999"], t[99999])
local s = string.rep("k", 100000)
t[s] = "long"
print(t[string.rep("k", 100000)], t[string.rep("k", 99999)])
