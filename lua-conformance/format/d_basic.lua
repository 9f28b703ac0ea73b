-- %d and %i
print(string.format("%d %i %d %d", 0, 42, -7, 3.99))
print(string.format("%d %d %d", -3.99, 2^31, -2^31))
print(string.format("%d %d", 2^53, -2^53), string.format("%d", 1e15))
print(string.format("%d", "10"), string.format("%d", " 0x1F "), string.format("%d", "1e3"))
print(string.format("[%5d][%-5d][%05d][%+d][% d]", 42, 42, 42, 42, 42))
print(string.format("[%.3d][%8.3d][%-8.3d][%08.3d]", 7, 7, 7, 7))
print(string.format("[%.0d][%.0d][%+.0d]", 0, 1, 0))
print(string.format("[%+05d][% 05d][%-+5d]", -3, 3, 3))
