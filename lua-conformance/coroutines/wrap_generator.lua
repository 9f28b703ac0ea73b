local function range(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end
local out = {}
for v in range(5) do out[#out + 1] = v end
print(table.concat(out, " "))
local gen = coroutine.wrap(function(a) local b = coroutine.yield(a * 2) return a + b end)
print(gen(5), gen(1))
print(type(gen))
