-- '.' matches any byte including newline and NUL
print(("a\nb"):match("a.b") == "a\nb", ("a\0b"):match("a.b") == "a\0b")
print(#("\0\1\2\255"):match(".*"), ("abc"):gsub(".", "%0%0"))
print(("abc"):match("...."), ("abc"):match("..."))
