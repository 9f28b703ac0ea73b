-- back-references %1..%9
print(("hello"):find("(l)%1"), ("abab"):match("(ab)%1"), ("abba"):match("(a)(b)%2%1"))
print(('say "hi" or \'bye\''):match("([\"'])(.-)%1"))
print(('x = "a\'b"'):match("([\"'])(.-)%1"))
print(("aaaa"):gsub("(a)%1", "b"))
print(("abcabc"):match("^(.+)%1$"), ("abcab"):match("^(.+)%1$"))
print(("x=1,x=1"):match("(x=%d),%1"))
print(("aXa"):match("()X%1"))
