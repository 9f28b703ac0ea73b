-- tonumber of non-strings
print(tonumber(5), tonumber(-0.5), tonumber(nil), tonumber(true), tonumber({}) == nil)
print(tonumber(print) == nil, tonumber("5", nil))
print(pcall(tonumber, {}, 10))
print(tonumber(1e100), tonumber(2^53 + 1))
