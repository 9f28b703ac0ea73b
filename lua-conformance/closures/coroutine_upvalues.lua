local shared = 0
local co = coroutine.create(function()
  for i = 1, 3 do shared = shared + i; coroutine.yield(shared) end
end)
print(coroutine.resume(co))
shared = 100
print(coroutine.resume(co))
print(coroutine.resume(co), shared)
local function gen()
  local state = 0
  return coroutine.wrap(function() while true do state = state + 1; coroutine.yield(state) end end),
         function() return state end
end
local next_value, peek = gen()
next_value(); next_value()
print(peek())
