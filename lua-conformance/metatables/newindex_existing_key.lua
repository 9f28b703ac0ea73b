-- __newindex is only used when the key is absent (raw)
local calls = 0
local t = setmetatable({a = 1}, {__newindex = function(tbl, k, v) calls = calls + 1; rawset(tbl, k, v) end})
t.a = 2
t.b = 3
t.b = 4
print(calls, t.a, t.b)
t.a = nil
t.a = 5
print(calls)
local chain_target = {}
local middle = setmetatable({}, {__newindex = chain_target})
local top = setmetatable({}, {__newindex = middle})
top.k = "v"
print(rawget(top, "k"), rawget(middle, "k"), chain_target.k)
