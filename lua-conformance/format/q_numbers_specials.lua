-- %q of numbers and control characters
print(string.format("%q", 1/3), string.format("%q", 1e100), string.format("%q", -0.0))
print(string.format("%q", "\1\2\3\127"):byte(1, -1))
print(string.format("%q", "tab\there"), string.format("%q", "cr\rlf\n"))
