print(2^53, 2^53 + 1, 2^63, -2^63, 2^64, 2^1023 * 2, 2^1024)
print(1e308 + 1e308, -1e308 - 1e308)
print(9007199254740993, 18446744073709551615)
print(math.floor(2^53 + 0.5), 2^31 * 2^31)
-- computed at run time (constant folding would merge 0 and -0 constants)
local tiny, zero = 5e-324, 0
print(tiny / 2, -tiny / 2)
print(zero * -1, -zero * 1, zero / -5)
