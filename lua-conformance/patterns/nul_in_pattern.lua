-- a 5.1 pattern is a C string: it ends at its first NUL
print(("a\0b"):find("a\0b"))
print(("a\0b"):find("\0"), ("abc"):find("b\0zzz"))
print(string.format("%q", ("a\0b"):match("a%z")), ("a\0b"):find("%z"))
print(("a\0b"):gsub("%z", "0"))
print(("x\0y"):find("[%z]"), ("x\0y"):find("[^%z]", 2))
print(("x\0y"):find(".\0", 1, true))
print(("abc"):gsub("b\0", "X"))
