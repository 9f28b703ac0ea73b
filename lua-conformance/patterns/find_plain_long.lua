-- plain find over a long subject with partial matches
local s = string.rep("ab", 5000) .. "abc" .. string.rep("ab", 10)
print(s:find("abc", 1, true), s:find("abc"), s:find("abab", 9990, true))
print(s:find("bcab", 1, true), s:find("cc", 1, true), s:find("b", -3, true))
print(s:find("ab", #s - 1, true), s:find("ab", #s, true))
