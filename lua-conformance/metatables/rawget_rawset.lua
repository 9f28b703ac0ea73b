local t = setmetatable({}, {
  __index = function() return "meta" end,
  __newindex = function() error("blocked") end,
})
print(t.x, rawget(t, "x"))
rawset(t, "x", "raw")
print(t.x, rawget(t, "x"))
print(rawset(t, "y", 1) == t)
print(pcall(rawset, t, nil, 1))
print(pcall(rawget, "str", 1))
print(rawequal(t, t), rawequal(t, {}), rawequal("a", "a"))
