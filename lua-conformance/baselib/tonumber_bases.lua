print(tonumber("10", 2), tonumber("11111111", 2), tonumber("777", 8), tonumber("ff", 16), tonumber("FF", 16))
print(tonumber("zz", 36), tonumber("ZZ", 36), tonumber("10", 36), tonumber("z", 35))
print(tonumber("8", 8), tonumber("2", 2), tonumber("g", 16), tonumber("", 16))
print(tonumber("  ff  ", 16), tonumber("0x10", 16), tonumber("10", 10), tonumber("1.5", 10))
print(tonumber("1.5", 16), tonumber(" ", 16), tonumber("-ff", 16) ~= nil, tonumber("f f", 16))
print(tonumber(15, 16), tonumber(10, 2))
for _, b in ipairs({2, 8, 10, 16, 36}) do print(b, tonumber("11", b)) end
