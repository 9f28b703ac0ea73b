-- searching at and after the end of the subject
print(("abc"):find("", 4), ("abc"):find("", 5), ("abc"):find("$", 4))
print(("abc"):match("()", 4), ("abc"):match("()$", 5), ("abc"):match(".?", 4) == "")
print(("abc"):find("c", 4), ("abc"):find("^", 4), ("abc"):find("^", 10))
print((""):find(""), (""):find("", 0), (""):find("", 2), (""):find("^$"))
print((""):match(".*") == "", (""):match("x?") == "", (""):match("."))
