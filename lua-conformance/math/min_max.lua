-- min and max
print(math.min(3, 1, 2), math.max(3, 1, 2), math.min(5), math.max(-5))
print(math.min(1.5, -2.5, 0), math.max(-1/0, 1/0), math.min("10", 9), math.max("10", 9))
print(math.min(1, 0/0), math.max(1, 0/0) ~= math.max(1, 0/0))
local z = 0
print(math.min(z, -z), math.min(-z, z), math.max(z, -z), math.max(-z, z))
print(pcall(math.min))
print(pcall(math.max))
print(pcall(math.max, 1, "x"))
print(pcall(math.min, 1, nil))
