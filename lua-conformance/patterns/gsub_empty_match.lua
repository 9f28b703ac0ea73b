-- gsub with patterns that match the empty string
print(("abc"):gsub("", "-"))
print((""):gsub("", "-"))
print(("abc"):gsub("x*", "-"))
print(("abc"):gsub("b*", "-"))
print(("hello world"):gsub("o*", "_"))
print(("abc"):gsub(".-", "-"))
print(("abc"):gsub("()", "%1"))
print(("abc"):gsub("", "-", 2))
