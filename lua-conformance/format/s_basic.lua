-- %s with width and precision
print(string.format("[%s][%10s][%-10s][%.2s][%10.2s][%-10.2s]", "hello", "hello", "hello", "hello", "hello", "hello"))
print(string.format("%s %s %s", 1, 1.5, -0.0))
print(string.format("[%.0s][%.10s]", "abc", "abc"))
print(string.format("%s", "a\0b") == "a\0b", #string.format("%5s", "a\0b"))
print(pcall(string.format, "%s", nil))
print(pcall(string.format, "%s", {}))
print(pcall(string.format, "%s", true))
