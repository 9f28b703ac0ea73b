-- %f of large and tiny numbers
print(string.format("%f", 1e300):len(), string.format("%.0f", 1e308):sub(1, 20))
print(string.format("%.0f", 123456789012345678))
print(string.format("%.2f", 5e-324), string.format("%.99f", 1):len())
print(string.format("%.3f", 2.0005), string.format("%.3f", 2.0015), string.format("%.2f", 0.125))
print(string.format("%f", -0.0), string.format("%.1f", -0.04), string.format("%.0f", -0.4))
