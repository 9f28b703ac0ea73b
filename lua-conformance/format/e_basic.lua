-- %e and %E
print(string.format("%e %E", 12345.6789, 12345.6789))
print(string.format("%.0e %.1e %.10e", 5, 0.15, 1/3))
print(string.format("%e %e %e", 0, 1e-300, 1e300))
print(string.format("[%15.3e][%-15.3e][%015.3e][%+e]", 123.456, 123.456, -123.456, 1))
print(string.format("%#.0e %e", 1, 5e-324))
print(string.format("%e %E", 1/0, -1/0))
print(string.format("%.3e", 9.9995), string.format("%.3e", 9.9996), string.format("%.2e", 1e100))
