local base = 10
local ops = {
  add = function(x) return base + x end,
  sub = function(x) return base - x end,
  setbase = function(b) base = b end,
}
print(ops.add(1), ops.sub(1))
ops.setbase(100)
print(ops.add(1), ops.sub(1), base)
local list = {function() return 1 end, function() return 2 end}
print(list[1]() + list[2]())
