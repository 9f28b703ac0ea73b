local function last(...) return (select(-1, ...)) end
print(last(1), last(1, 2), last(nil, "z"))
print(select(-1, nil))
print(pcall(select, -1))
print(pcall(select, -2, 1))
print(select('#', select(-2, 1, 2, 3)))
print(select(2, 1))
print(select('#', select(5, 1, 2)))
