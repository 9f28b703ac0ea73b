-- patterns that match the whole subject
print(("hello"):gsub(".*", "X"))
print(("hello"):gsub("^.*$", "X"))
print(("hello"):gsub(".+", "<%0>"))
print((""):gsub(".*", "X"))
print((""):gsub(".+", "X"))
