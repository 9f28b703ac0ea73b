-- sinh cosh tanh
print(math.sinh(0), math.sinh(1), math.sinh(-1), math.sinh(710), math.sinh(-710))
print(math.cosh(0), math.cosh(1), math.cosh(-1), math.cosh(710))
print(math.tanh(0), math.tanh(1), math.tanh(-1), math.tanh(20), math.tanh(1/0))
print(math.sinh(1e-10), math.tanh(1e-10))
