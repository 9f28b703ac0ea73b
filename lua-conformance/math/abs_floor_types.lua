-- results are numbers; printing of integral results
print(type(math.floor(1.5)), math.floor(-0.0), math.ceil(-0.5), math.abs(-0.0))
print(math.floor(2^31 + 0.5), math.floor(-2^31 - 0.5), math.ceil(2^52 + 0.5))
