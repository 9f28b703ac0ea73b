-- format strings with text around conversions
print(string.format("Name: %s, Age: %d, Score: %.1f%%", "Ann", 30, 95.456))
print(string.format("[%s] [%s] [%s]", "a", "", "c"))
print(string.format("%s=%s;", "k", "v"):rep(3))
print(string.format("%5s|%-5s|%05.1f", "ab", "cd", 2.25))
