-- Recursive function calls: naive Fibonacci plus Ackermann-style recursion.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local function tak(x, y, z)
  if y >= x then return z end
  return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
end

local N = 35
local a = fib(N)
local b = tak(24, 16, 8)
print("fib", N, a, "tak", b)
