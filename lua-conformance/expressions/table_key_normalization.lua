local t = {}
t[1] = "int"
t[1.0] = "float one"
print(t[1])
t["1"] = "string one"
print(t[1], t["1"])
t[2^53] = "big"
print(t[2^53], t[2^53 + 0])
t[-0] = "zero"
print(t[0], t[-0])
t[0.5] = "half"
print(t[1/2])
t[true] = "T"; t[false] = "F"
print(t[true], t[false], t[1 == 1])
local k = {}
t[k] = "table key"
print(t[k], t[{}])
print(pcall(function() t[nil] = 1 end))
print(t[nil])
