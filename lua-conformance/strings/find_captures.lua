-- find returns the indices and then the captures
print(string.find("key = value", "(%w+)%s*=%s*(%w+)"))
print(string.find("abc", "()b()"))
print(string.find("abc", "(x?)b"))
print(string.find("hello", "(h)(e)(l)(l)(o)"))
print(string.find("  x", "^%s*()"))
print(string.find("abc", "((a)(b))"))
