-- string.sub with negative indices count from the end
local s = "abcdef"
print(s:sub(-1), s:sub(-3), s:sub(-6), s:sub(-7), s:sub(-100))
print(s:sub(-3, -2), s:sub(-3, -4) == "", s:sub(2, -2))
print(s:sub(1, -1), s:sub(1, -6), s:sub(1, -7) == "")
print(s:sub(-100, -100) == "", s:sub(-100, 2))
