local t = {}
setmetatable(t, {__index = t})
print(pcall(function() return t.missing end))
local u = {}
setmetatable(u, {__newindex = u})
print(pcall(function() u.x = 1 end))
-- a chain of 50 tables is fine
local base = {found = "yes"}
local cur = base
for i = 1, 50 do cur = setmetatable({}, {__index = cur}) end
print(cur.found)
local cur2 = base
for i = 1, 150 do cur2 = setmetatable({}, {__index = cur2}) end
print(pcall(function() return cur2.found end))
