-- zero positions in string.sub
local s = "abcdef"
print(s:sub(0), s:sub(0, 0) == "", s:sub(0, 1), s:sub(0, -1))
print(s:sub(1, 0) == "", s:sub(-1, 0) == "")
print(("x"):sub(0, 10), (""):sub(0, 10) == "")
