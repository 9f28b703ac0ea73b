-- %f
print(string.format("%f %f %f", 0, 1.5, -2.25))
print(string.format("%.2f %.0f %.0f %.0f %.0f", 3.14159, 0.5, 1.5, 2.5, -0.5))
print(string.format("[%10.3f][%-10.3f][%010.3f][%+.1f][% .1f]", 3.14159, 3.14159, -3.14159, 2, 2))
print(string.format("%#.0f %.3f %.10f", 3, 1/3, 0.1))
print(string.format("%f", 1e15), string.format("%.1f", 1e20), string.format("%.0f", 2^63))
print(string.format("%.20f", 0.1), string.format("%.15f", 1e-10))
print(string.format("%5.1f|%-8.2f|", 1/0, -1/0))
