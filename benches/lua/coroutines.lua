-- Coroutines: generators via coroutine.wrap, resume/yield ping-pong.
local function range(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end

local function map(f, gen)
  return coroutine.wrap(function()
    for v in gen do coroutine.yield(f(v)) end
  end)
end

local function filter(p, gen)
  return coroutine.wrap(function()
    for v in gen do if p(v) then coroutine.yield(v) end end
  end)
end

local total = 0
for v in filter(function(x) return x % 3 == 0 end,
                map(function(x) return x * 2 end, range(1500000))) do
  total = total + v
end

-- many short-lived coroutines
local created = 0
for i = 1, 300000 do
  local co = coroutine.create(function(a, b)
    local c = coroutine.yield(a + b)
    return c * 2
  end)
  local _, s = coroutine.resume(co, i, 1)
  local _, d = coroutine.resume(co, s)
  created = created + d
end

-- ping-pong with multiple values
local co = coroutine.wrap(function(a, b)
  while true do a, b = coroutine.yield(b, a + b) end
end)
local x, y = 0, 1
for i = 1, 2000000 do x, y = co(x % 1000, y % 1000) end
print("coroutines", total, created, x, y, coroutine.status(coroutine.create(function() end)))
