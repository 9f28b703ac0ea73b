local log = {}
local inner = coroutine.wrap(function()
  log[#log + 1] = "inner1"
  coroutine.yield("i1")
  log[#log + 1] = "inner2"
  return "i2"
end)
local outer = coroutine.wrap(function()
  log[#log + 1] = "outer1"
  local a = inner()
  coroutine.yield("o:" .. a)
  local b = inner()
  return "o:" .. b
end)
print(outer())
print(outer())
print(table.concat(log, " "))
