-- init positions of string.find: negative, zero, beyond the end
local s = "abcabc"
print(s:find("b"), s:find("b", 3), s:find("b", -1), s:find("b", -2), s:find("b", -100))
print(s:find("b", 0), s:find("c", 6), s:find("c", 7), s:find("", 7), s:find("", 8))
print(s:find("%a", 10), s:find("x*", 7), s:find("x*", 8))
print(s:find("^a", 4), s:find("^a", 2), s:find("$", 3))
print(s:find("b", 2.9), s:find("b", "5"))
print(pcall(s.find, s, "b", "z"))
