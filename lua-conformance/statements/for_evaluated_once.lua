local calls = 0
local function lim() calls = calls + 1 return 3 end
for i = 1, lim() do end
print(calls)
local limit = 3
local n = 0
for i = 1, limit do limit = 10; n = n + 1 end
print(n, limit)
local iters = 0
for i = 1, 3 do
  i = i * 10
  iters = iters + 1
end
print(iters)
local step = 1
n = 0
for i = 1, 5, step do step = 100; n = n + 1 end
print(n)
