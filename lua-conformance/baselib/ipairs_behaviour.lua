local t = {"a", "b", "c", nil, "e"}
local n = 0
for i, v in ipairs(t) do n = i end
print(n)
-- ipairs uses raw access in 5.1: __index is not consulted
local proxy = setmetatable({}, {__index = function(_, i) if i <= 3 then return i * 10 end end})
local cnt = 0
for _ in ipairs(proxy) do cnt = cnt + 1 end
print(cnt, proxy[1])
local f, s, init = ipairs(t)
print(type(f), s == t, init)
print(f(t, 0))
print(f(t, 3))
local mixed = {1, 2, x = "y", [4] = 4}
local parts = {}
for i, v in ipairs(mixed) do parts[#parts + 1] = i .. "=" .. v end
print(table.concat(parts, " "))
