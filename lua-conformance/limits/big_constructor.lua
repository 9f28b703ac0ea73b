local items = {}
for i = 1, 20000 do items[i] = tostring(i) end
local f = loadstring("return {" .. table.concat(items, ",") .. "}")
local t = f()
print(#t, t[1], t[20000], t[12345])
local kv = {}
for i = 1, 5000 do kv[i] = "k" .. i .. " = " .. i end
local g = loadstring("return {" .. table.concat(kv, ", ") .. "}")
local u = g()
print(u.k1, u.k5000, u.k2500)
local strs = {}
for i = 1, 70000 do strs[i] = '"s' .. i .. '"' end
local h = loadstring("return {" .. table.concat(strs, ",") .. "}")
local w = h()
print(#w, w[70000])
