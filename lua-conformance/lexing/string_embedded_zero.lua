local s = "a\0b\0c"
print(#s)
print(s == "a\0b\0c", s == "a\0b", s < "a\0c", "a\0" > "a")
local t = {}
t[s] = 1
t["a\0b"] = 2
print(t["a\0b\0c"], t["a\0b"], t["a"])
print(#("\0\0\0"))
local long = [[x]] .. "\0" .. [[y]]
print(#long, string.byte(long, 2))
