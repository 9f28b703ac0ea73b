-- special characters are literal inside sets
print(("a+b*c?d(e)f.g$h^i"):gsub("[+*?().$]", "_"))
print(("[x]"):gsub("[[]", "<"))
print(("^a^"):gsub("[a^]", "!"))
print(string.find("x^", "[%^]"), string.find("abc", "[^^]"))
print(string.match("key[1]", "%[(%d+)%]"))
