local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
local memo = {}
local function mfib(n)
  if n < 2 then return n end
  if memo[n] then return memo[n] end
  local r = mfib(n - 1) + mfib(n - 2)
  memo[n] = r
  return r
end
print(mfib(80))
local fact
fact = function(n) return n <= 1 and 1 or n * fact(n - 1) end
local saved = fact
fact = function() return "replaced" end
-- saved still calls whatever the upvalue "fact" holds now
print(saved(1), fact())
print(pcall(saved, 5))
