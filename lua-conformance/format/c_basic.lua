-- %c
print(string.format("%c%c%c", 76, 117, 97))
print(string.format("[%5c][%-5c]", 65, 66))
print(#string.format("%c", 0), #string.format("a%cb", 0), #string.format("%5c", 0))
print(string.format("%c", 256 + 65), string.format("%c", 65.7))
print(string.format("%c", "66"))
print(pcall(string.format, "%c", "x"))
