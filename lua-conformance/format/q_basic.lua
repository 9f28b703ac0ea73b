-- %q quoting
print(string.format("%q", 'he said "hi"\n\\'))
print(string.format("%q", "a\0b\r\t\1\255"))
print(string.format("%q", ""), string.format("%q", 12), string.format("%q", 1.5))
print(string.format("%10q|%-10q|", "a", "b"))
local s = "x\n\"\\\0\r"
print(loadstring("return " .. string.format("%q", s))() == s)
