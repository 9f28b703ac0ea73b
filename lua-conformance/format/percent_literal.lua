-- literal percent and text
print(string.format("100%%"), string.format("%%d"), string.format("a%%b%%c"))
print(string.format("%5.1f%%", 99.44), string.format("no specs"), string.format(""))
print(string.format("%%%d%%", 5))
