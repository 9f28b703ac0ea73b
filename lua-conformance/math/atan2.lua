-- atan2 in all quadrants and with zeros
print(math.atan2(1, 1), math.atan2(1, -1), math.atan2(-1, -1), math.atan2(-1, 1))
print(math.atan2(0, 1), math.atan2(0, -1), math.atan2(1, 0), math.atan2(-1, 0))
local z = 0
print(math.atan2(-z, 1), math.atan2(-z, -1), math.atan2(z, -z), math.atan2(-z, -z))
print(math.atan2(1/0, 1/0), math.atan2(-1/0, 1), math.atan2(1, -1/0))
print(pcall(math.atan2, 1))
