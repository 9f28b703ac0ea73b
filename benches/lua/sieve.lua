-- Table array part: sieve of Eratosthenes, array fill/sum, table.insert/remove.
local function sieve(n)
  local composite = {}
  for i = 1, n do composite[i] = false end
  local count = 0
  for i = 2, n do
    if not composite[i] then
      count = count + 1
      for j = i * i, n, i do composite[j] = true end
    end
  end
  return count
end

local primes = 0
for r = 1, 20 do primes = primes + sieve(400000) end

local sum = 0
for r = 1, 100 do
  local t = {}
  for i = 1, 50000 do t[i] = i * 2 end
  for i = 1, #t do sum = sum + t[i] end
end

local q = {}
for i = 1, 1000000 do table.insert(q, i) end
local popped = 0
while #q > 0 do popped = popped + table.remove(q) end
print("sieve", primes, sum, popped)
