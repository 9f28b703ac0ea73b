-- strings, numbers and booleans are never removed from weak tables
local t = setmetatable({}, {__mode = "kv"})
t[1] = "a string value"
t["key" .. 1] = 42
t[true] = false
t[2.5] = "x" .. "y"
collectgarbage()
print(t[1], t.key1, t[true], t[2.5])
