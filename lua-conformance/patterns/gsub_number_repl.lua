-- a number as replacement is converted to a string
print(("abc"):gsub("b", 5))
print(("abc"):gsub("%w", 1.5))
print(("abc"):gsub("b", 1e100))
print(("a%b"):gsub("%%", 0))
