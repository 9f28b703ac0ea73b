-- byte and char edge errors
print(pcall(string.char, 65.5, 66))
print(string.byte(string.char(-0.5)), #string.char(-0.5))
print(pcall(string.char, "256"))
print(pcall(string.byte, "abc", 1, {}))
print(string.char(255.9):byte(), string.char(-0.9):byte())
