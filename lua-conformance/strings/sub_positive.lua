-- string.sub with positive indices
local s = "hello world"
print(s:sub(1, 5))
print(s:sub(7))
print(s:sub(1, 1))
print(s:sub(11, 11))
print(s:sub(3, 2) == "")
print(s:sub(5, 100))
print(s:sub(12) == "", s:sub(100, 200) == "")
print(string.sub("abc", 2, 2), string.sub("abc", 2, 3))
