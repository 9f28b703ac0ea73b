-- malformed frontier patterns
print(pcall(string.find, "abc", "%f"))
print(pcall(string.find, "abc", "%fa"))
print(pcall(string.find, "abc", "%f[a"))
print(pcall(string.gsub, "abc", "%f(", ""))
