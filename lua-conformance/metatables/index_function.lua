local log = {}
local t = setmetatable({present = 1}, {__index = function(tbl, k)
  log[#log + 1] = tostring(k)
  return k == "magic" and 42 or nil
end})
print(t.present, t.magic, t.other, t[1])
print(table.concat(log, ","))
local self_seen
local u = setmetatable({}, {__index = function(tbl, k) self_seen = tbl; return k .. "!" end})
print(u.hello, self_seen == u)
local v = setmetatable({}, {__index = function(_, k) return k * 2, "ignored" end})
print(v[21])
