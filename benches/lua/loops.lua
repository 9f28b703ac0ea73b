-- Integer-valued numeric for loops with arithmetic (add, mul, mod, div, floor).
local ITER = 20000000
local acc, x = 0, 1
for i = 1, ITER do
  x = (x * 1103515245 + 12345) % 2147483648
  acc = acc + (x % 1000) - (i % 7) * 3
end
local s2 = 0
for i = ITER, 1, -3 do
  s2 = s2 + math.floor(i / 3) - i % 5
end
local s3 = 0
for i = 1, 10000 do
  for j = 1, 500 do
    s3 = s3 + (i * j) % 17
  end
end
print("loops", acc, s2, s3)
