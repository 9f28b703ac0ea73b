-- floor and ceil
print(math.floor(3.7), math.floor(-3.7), math.floor(3), math.floor(-0.5), math.floor(0.5))
print(math.ceil(3.2), math.ceil(-3.2), math.ceil(3), math.ceil(-0.5), math.ceil(0.5))
print(math.floor(1e100), math.ceil(-1e100), math.floor(2^53 + 0.5))
print(math.floor(1/0), math.ceil(-1/0), math.floor(-0.0), math.ceil(-0.1))
print(math.floor("3.5"), math.ceil(" 2.1 "))
print(pcall(math.floor), pcall(math.floor, "x"))
print(pcall(math.ceil, {}))
