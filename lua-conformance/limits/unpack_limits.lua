local t = {}
for i = 1, 7000 do t[i] = i end
print(select('#', unpack(t)))
print(pcall(function() return unpack({}, 1, 1e8) end))
print(pcall(function() return unpack({}, -1e8, 1e8) end))
print(select('#', unpack({}, 1e8, 1)))
