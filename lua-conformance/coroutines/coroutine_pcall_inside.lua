-- errors caught inside a coroutine leave it alive
local co = coroutine.create(function()
  local ok, e = pcall(error, "caught inside")
  coroutine.yield(ok, e)
  return "still alive"
end)
print(coroutine.resume(co))
print(coroutine.resume(co))
local co2 = coroutine.create(function()
  local ok, e = pcall(function() local x = {} .. 1 end)
  return ok, e
end)
print(coroutine.resume(co2))
