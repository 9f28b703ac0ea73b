-- yield from deep inside nested Lua calls
local function deep(n)
  if n == 0 then return coroutine.yield("bottom") end
  return (deep(n - 1)) .. "."
end
local co = coroutine.create(function() return deep(100) end)
print(coroutine.resume(co))
local ok, s = coroutine.resume(co, "up")
print(ok, #s, s:sub(1, 6))
local function rec(n) if n > 0 then coroutine.yield(n) rec(n - 1) end end
local count = 0
for _ in coroutine.wrap(function() rec(2000) end) do count = count + 1 end
print(count)
