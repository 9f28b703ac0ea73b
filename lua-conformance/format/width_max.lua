-- widths and precisions up to two digits
print(#string.format("%99d", 1), #string.format("%.99f", 1), #string.format("%99.99f", 1))
print(string.format("%.99d", 5):len(), string.format("%-99s|", "x"):len())
print(string.format("%9.9s|%09.3f|%-9.3e|", "abcdefghijkl", 1.5, 1.5))
print(string.format("%1s|%1d|%01d|%.1s", "xy", 12, 3, "xy"))
print(string.format("%00005d|%0-5d|%-05d|", 1, 2, 3))
