-- abs
print(math.abs(-5), math.abs(5), math.abs(-0.0), math.abs(-1/0), math.abs(-1e-300))
print(math.abs("-3"), math.abs(-2^63))
print(pcall(math.abs))
print(pcall(math.abs, nil))
