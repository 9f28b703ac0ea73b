local inf, nan = 1/0, 0/0
print(inf, -inf, inf - inf, inf * 0)
print(inf + 1 == inf, -inf < 0, inf / inf)
print(math.huge == inf, -math.huge == -inf)
print(nan ~= nan, type(nan))
local t = {}
print(pcall(function() t[nan] = 1 end))
print(t[nan])
t[inf] = "inf"
print(t[1/0], t[math.huge])
print(math.floor(-0.5), math.floor(0.5), math.floor(-inf))
