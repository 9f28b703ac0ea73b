-- numeric string arguments are converted for number conversions
print(string.format("%d %f %g %x", "12", "1.5", "1e3", "0x10"))
print(string.format("%d %.1f", " 7 ", "\t2.25\n"))
print(string.format("%5.1f", "  -3.14  "))
print(pcall(string.format, "%d", "12a"))
print(pcall(string.format, "%d", ""))
print(pcall(string.format, "%f", "0x"))
