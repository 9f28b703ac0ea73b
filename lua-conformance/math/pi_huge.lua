-- constants
print(math.pi, string.format("%.17g", math.pi), math.huge, -math.huge)
print(math.huge == 1/0, math.huge > 1e308, -math.huge < -1e308)
print(math.pi == 3.141592653589793, math.floor(math.pi * 1e6))
