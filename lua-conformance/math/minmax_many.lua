-- min and max over many arguments
local t = {}
for i = 1, 100 do t[i] = (i * 37) % 101 - 50 end
print(math.min(unpack(t)), math.max(unpack(t)))
print(math.max(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), math.min(10, 9, 8, 7, 6, 5, 4, 3, 2, 1))
