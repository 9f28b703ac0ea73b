-- a > b is evaluated as b < a and a >= b as b <= a
local log = {}
local mt = {
  __lt = function(a, b) log[#log + 1] = "lt(" .. a.n .. "," .. b.n .. ")" return a.n < b.n end,
  __le = function(a, b) log[#log + 1] = "le(" .. a.n .. "," .. b.n .. ")" return a.n <= b.n end,
}
local a, b = setmetatable({n = "a"}, mt), setmetatable({n = "b"}, mt)
local _ = a > b
_ = a >= b
_ = a < b
_ = a <= b
print(table.concat(log, " "))
