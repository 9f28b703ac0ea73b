-- string.byte default and explicit ranges
print(string.byte("A"), ("abc"):byte(), ("abc"):byte(2), ("abc"):byte(3))
print(("abc"):byte(1, 3))
print(("abc"):byte(-1), ("abc"):byte(-3, -1))
print(("\0\1\255"):byte(1, -1))
print(select("#", ("abc"):byte(4)), select("#", ("abc"):byte(2, 1)))
print(select("#", ("abc"):byte(0)), ("abc"):byte(0, 2))
print(("abc"):byte(-10, 10))
print(select("#", (""):byte()), select("#", (""):byte(1, -1)))
