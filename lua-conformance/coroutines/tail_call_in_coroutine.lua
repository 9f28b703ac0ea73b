local function loop(n) if n == 0 then return coroutine.yield("done looping") end return loop(n - 1) end
local co = coroutine.create(function() return loop(200000) end)
print(coroutine.resume(co))
print(coroutine.resume(co, "final"))
