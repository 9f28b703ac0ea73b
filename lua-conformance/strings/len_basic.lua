-- string.len and # agree, embedded zeros count
print(string.len(""), string.len("abc"), ("a\0b"):len(), #"a\0b\0")
print(string.len(12345), string.len(1.5), string.len(-0.25))
print(pcall(string.len))
print(pcall(string.len, {}))
print(pcall(string.len, nil))
print(pcall(string.len, true))
