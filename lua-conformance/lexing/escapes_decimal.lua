-- \ddd decimal escapes (up to three digits)
print("\65\066\0677")
print(#"\0", #"a\0b", string.byte("a\0b", 2))
print("\0651" == "A1")
print(string.byte("\255"), string.byte("\1"), string.byte("\01"), string.byte("\001"))
print("\104\101\108\108\111")
print(#"\1234", string.byte("\1234", 1), string.sub("\1234", 2))
local z = "x\0y\0z"
print(#z)
for i = 1, #z do print(string.byte(z, i)) end
print("\9" == "\t", "\10" == "\n", "\13" == "\r")
