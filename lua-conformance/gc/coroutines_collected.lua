local weak = setmetatable({}, {__mode = "k"})
for i = 1, 10 do
  local co = coroutine.create(function() coroutine.yield(i) end)
  coroutine.resume(co)
  weak[co] = i
end
local kept = coroutine.create(function() end)
weak[kept] = "kept"
collectgarbage()
collectgarbage()
local n = 0
for _ in pairs(weak) do n = n + 1 end
print(n, weak[kept])
