-- string.find with plain = true
print(string.find("a.b.c", ".", 1, true))
print(string.find("a+b", "+", 1, true), string.find("x(y)", "(", 1, true))
print(string.find("50% off", "%", 1, true))
print(string.find("[x]", "[", 1, true), string.find("a^b", "^b", 1, true))
print(string.find("abc", "", 1, true), string.find("abc", "", 4, true), string.find("abc", "", 5, true))
print(string.find("abcabc", "bc", 3, true), string.find("abc", "abcd", 1, true))
print(string.find("a$", "$", 1, true), string.find("a$", "a$", 1, 1))
print(string.find("x.y", ".", 1, false), string.find("x.y", ".", 1, nil))
