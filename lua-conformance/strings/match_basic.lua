-- string.match returns captures or the whole match
print(string.match("hello 123 world", "%d+"))
print(string.match("key=val", "(%w+)=(%w+)"))
print(string.match("abc", "x"), string.match("", ".*") == "")
print(string.match("2024-01-15", "(%d+)-(%d+)-(%d+)"))
print(string.match("  trim me  ", "^%s*(.-)%s*$") .. "|")
print(string.match("abc", "()"), string.match("abc", "()", 4), string.match("abc", "()", 5))
print(string.match("abc", "b", -1), string.match("abc", "c", -1), string.match("abc", "^b", 2))
print(string.match("abc", ".", 0), string.match("abc", ".", -10))
