-- non-integer and string positions are converted like luaL_checkint
local s = "abcdef"
print(s:sub(2.7), s:sub(2.2, 4.9), s:sub("2", "3"), s:sub(" 3 "))
print(s:sub(-2.5), s:sub(1e10), s:sub(-1e10, 2))
print(pcall(s.sub, s, "x"))
print(pcall(s.sub, s))
print(pcall(s.sub, s, 1, {}))
print(pcall(string.sub))
