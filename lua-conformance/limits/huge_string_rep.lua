local ok, s = pcall(string.rep, "x", 2^24)
print(ok, #s)
local ok2, s2 = pcall(string.rep, "abc", 1000000)
print(ok2, #s2, s2:sub(-3))
s, s2 = nil, nil
collectgarbage()
print(string.rep("ab", 0) == "", #string.rep("a", 1e6))
