-- %s with precision cuts the string
local s = "abcdefghij"
for p = 0, 12, 3 do print(string.format("[%." .. p .. "s][%5." .. p .. "s][%-5." .. p .. "s]", s, s, s)) end
print(string.format("[%.3s]", 12345), string.format("[%.2s]", 1.5))
