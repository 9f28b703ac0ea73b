-- nested captures are numbered by their opening parenthesis
print(("abcd"):match("((a)(b(c)))(d)"))
print(("2024-01-15"):match("((%d+)-((%d+)-(%d+)))"))
print(("key=value"):find("((%w+)=(%w+))"))
print(("abc"):gsub("((a)(b))", "[%1|%2|%3]"))
