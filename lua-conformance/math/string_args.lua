-- numeric strings are accepted by the math functions
print(math.floor("3.7"), math.sqrt("16"), math.max("1", "2", "10"), math.abs("-0x10"))
print(math.fmod("7", "3"), math.pow("2", "8"), math.ldexp("1", "3"), math.frexp("8"))
print(pcall(math.floor, "3.7x"))
