-- %b needs two characters
print(pcall(string.find, "abc", "%b"))
print(pcall(string.find, "abc", "%ba"))
print(pcall(string.gsub, "abc", "x%b(", ""))
print(pcall(string.match, "", "%b"))
print(string.find("abc", "x%b"))
