print(#"", #"a", #"hello world", #"\0\0")
print(#{}, #{1, 2, 3}, #{"a", "b"}, #{n = 3})
local t = {}
for i = 1, 100 do t[i] = i end
print(#t)
t[#t + 1] = "x"
print(#t, t[101])
t[#t] = nil
print(#t)
local s = "abc"
print(#s * 2, -#s, #s .. "")
print(#{{}, {}, {}})
