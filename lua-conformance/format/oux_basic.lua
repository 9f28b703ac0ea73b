-- %o %u %x %X
print(string.format("%o %o %o", 0, 8, 511))
print(string.format("%u %u", 0, 4294967296))
print(string.format("%x %X %x", 255, 255, 3735928559))
print(string.format("%#x %#X %#o %#o %#x", 255, 255, 8, 0, 0))
print(string.format("[%8x][%-8X][%08x][%#08x][%.4x]", 48879, 48879, 48879, 48879, 10))
print(string.format("%x %x", -1, -255))
print(string.format("%o %x", 7.9, 15.5))
