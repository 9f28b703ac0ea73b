local function show(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = k .. "=" .. tostring(t[k]) end
  return table.concat(parts, " ")
end
print(show(os.date("!*t", 0)))
print(show(os.date("!*t", 1234567890)))
print(show(os.date("!*t", -1)))
print(show(os.date("*t", 1234567890)) == show(os.date("*t", 1234567890)))
local t = os.date("*t")
print(type(t.year), type(t.isdst), t.month >= 1 and t.month <= 12)
print(os.date("!*t ", 0))
print(os.date("!*tx", 0))
print(os.date("*T", 0) == "*T")
