-- %d of values outside the long range: C's cast on x86-64
print(string.format("%d", 2^63), string.format("%d", -2^63), string.format("%d", 2^64))
print(string.format("%d", 1e300), string.format("%d", -1e300))
print(string.format("%d", 1/0), string.format("%d", -1/0), string.format("%d", 0/0))
print(string.format("%d", 2^62), string.format("%d", -2^62 - 1024))
print(string.format("%x %X", 2^63, 2^64 - 2048), string.format("%u", -1))
print(string.format("%o %u %x", 1e19, 1e19, 1e19))
