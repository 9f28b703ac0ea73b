-- in 5.1, yielding from the main thread reports the C-call boundary message
print(pcall(coroutine.yield, 1))
print(pcall(function() coroutine.yield() end))
print(pcall(function() return coroutine.yield("v") end))
-- the main thread is unaffected and coroutines still work afterwards
local w = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
print(w(1), w(5))
print(coroutine.running())
