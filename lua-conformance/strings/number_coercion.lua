-- numbers are accepted where strings are expected
print(string.len(100), string.sub(12345, 2, 3), string.upper(1e20))
print(string.rep(1, 3), string.byte(9), string.find(12345, 34))
print(string.match(3.25, "%d+"), string.gsub(1000, "0", "x"))
print(string.format("%s", 0.1), string.format("%s", 1e15), string.format("%s", 2^53))
print(("x"):rep("2"), string.sub("abc", "2"))
print(pcall(string.sub, "abc", "2x"))
