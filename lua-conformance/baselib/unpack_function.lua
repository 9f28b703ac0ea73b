print(unpack({1, 2, 3}))
print(unpack({1, 2, 3}, 2))
print(unpack({1, 2, 3}, 2, 3))
print(unpack({1, 2, 3}, 3, 1))
print(unpack({1, 2, 3}, 0))
print(unpack({1, 2, 3}, -2, 0))
print(select('#', unpack({}, 1, 0)))
print(unpack({"a", "b"}, 1.9, 2.1))
print(pcall(function() return unpack({}, 1, 1e7) end))
local t = {}
for i = 1, 5000 do t[i] = i end
print(select('#', unpack(t)))
