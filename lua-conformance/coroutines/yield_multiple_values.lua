local co = coroutine.create(function()
  coroutine.yield()
  coroutine.yield(nil)
  coroutine.yield(1, nil, 3)
  coroutine.yield(unpack({1, 2, 3, 4, 5}))
  return nil, nil
end)
local function report(...) return select('#', ...), ... end
for i = 1, 6 do
  print(i, report(coroutine.resume(co)))
  print(coroutine.status(co))
end
local co2 = coroutine.create(function(...) return select('#', ...) end)
print(coroutine.resume(co2, nil, nil, nil))
local co3 = coroutine.create(function() return coroutine.yield(1, 2) end)
print(select('#', coroutine.resume(co3)))
print(select('#', coroutine.resume(co3, nil, nil)))
