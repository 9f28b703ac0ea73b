local store = {}
local t = setmetatable({}, {__newindex = store})
t.x = 1
print(rawget(t, "x"), store.x)
local log = {}
local u = setmetatable({}, {__newindex = function(tbl, k, v)
  log[#log + 1] = k .. "=" .. tostring(v)
  rawset(tbl, k, v * 10)
end})
u.a = 1
u.a = 2
u.b = 3
print(u.a, u.b, table.concat(log, " "))
local ro = setmetatable({}, {__newindex = function(_, k) error("read-only: " .. k, 2) end})
print(pcall(function() ro.z = 1 end))
