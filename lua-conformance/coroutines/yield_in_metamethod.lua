-- yielding from inside a metamethod or an iterator called by 'for' crosses a C boundary in 5.1
local t = setmetatable({}, {__index = function(_, k) return coroutine.yield(k) end})
local co = coroutine.create(function() return t.foo end)
print(coroutine.resume(co))
local co2 = coroutine.create(function()
  for x in function() return coroutine.yield("iter") end do end
end)
print(coroutine.resume(co2))
local u = setmetatable({}, {__add = function() coroutine.yield("add") return 1 end})
local co3 = coroutine.create(function() return u + 1 end)
print(coroutine.resume(co3))
local co4 = coroutine.create(function() table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end) end)
print(coroutine.resume(co4))
