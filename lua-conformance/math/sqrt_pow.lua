-- sqrt, pow and ^
print(math.sqrt(16), math.sqrt(2), math.sqrt(0), math.sqrt(-0.0), math.sqrt(1/0), math.sqrt(1e-300))
print(math.pow(2, 10), math.pow(2, 0.5), math.pow(-8, 1/3), math.pow(0, 0), math.pow(0, -1))
print(2^10, 2^-1, (-2)^2, (-2)^0.5, 10^308 * 10, 2^1023 * 2)
print(math.pow(1, 0/0), math.pow(-1, 1/0), math.pow(0.5, -1/0))
print(pcall(math.pow, 2))
