-- proper tail calls do not grow the stack
local function loop(n, acc)
  if n == 0 then return acc end
  return loop(n - 1, acc + 1)
end
print(loop(1000000, 0))
local even, odd
function even(n) if n == 0 then return true end return odd(n - 1) end
function odd(n) if n == 0 then return false end return even(n - 1) end
print(even(1000001), odd(1000001))
local function count(n) if n > 0 then return count(n - 1) end return "bottom" end
print(count(500000))
local t = {}
function t.m(self, n) if n == 0 then return "method done" end return self:m(n - 1) end
print(t:m(300000))
