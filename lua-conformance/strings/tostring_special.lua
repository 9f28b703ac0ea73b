-- tostring of -0, inf and nan (the sign of nan follows the bit, as glibc prints it)
local z = 0
print(tostring(-z), tostring(z), tostring(-z * 1), tostring(0 * -1))
print(tostring(1/0), tostring(-1/0), tostring(math.huge), tostring(-math.huge))
local nan = 0/0
print(tostring(nan), tostring(-nan), nan ~= nan)
print(tostring(math.sqrt(-1)), tostring(math.huge - math.huge))
print(string.format("%s %s", -z, 1/0))
