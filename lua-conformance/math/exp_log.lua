-- exp, log, log10
print(math.exp(0), math.exp(1), math.exp(-1), math.exp(709), math.exp(710), math.exp(-750))
print(math.log(1), math.log(math.exp(2)), math.log(0), math.log(-1), math.log(1/0))
print(math.log10(1000), math.log10(0.001), math.log10(2), math.log10(0), math.log10(-1))
print(math.log(2), math.log(10), math.log(1e-300))
print(pcall(math.log))
