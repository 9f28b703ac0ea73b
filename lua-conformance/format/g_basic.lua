-- %g and %G
print(string.format("%g %g %g %g", 0, 1, 0.5, 100000))
print(string.format("%g %g %g %g", 1000000, 1e-4, 1e-5, 123456789))
print(string.format("%G %G", 1e-10, 1e20))
print(string.format("%.3g %.10g %.0g %.1g", math.pi, math.pi, 123, 0.0001234))
print(string.format("[%10g][%-10g][%010g][%+g][% g]", 1.5, 1.5, -1.5, 1.5, 1.5))
print(string.format("%#g %#g %#.3g %#g", 1, 1e10, 100, 0.0001))
print(string.format("%g %g", 1/0, -1/0))
