-- a % b == a - floor(a/b)*b
print(5 % 3, -5 % 3, 5 % -3, -5 % -3)
print(5.5 % 2, -5.5 % 2, 5.5 % -2)
print(0 % 5, 3 % 3, 1 % 0.25, 0.3 % 0.1)
print(5 % 0, -5 % 0, 0 % 0)
print(5 % math.huge, -5 % math.huge, math.huge % 2)
print(2^53 % 2, (2^53 + 1) % 2)
