-- table.maxn: the largest positive numeric key
print(table.maxn({}), table.maxn({ 1, 2, 3 }), table.maxn({ [10] = 1 }), table.maxn({ [1.5] = 1 }))
print(table.maxn({ [-1] = 1 }), table.maxn({ [0] = 1 }), table.maxn({ a = 1, [3] = 2 }))
print(table.maxn({ [1e100] = 1, [5] = 2 }), table.maxn({ [2^53] = true }))
local t = { 1, 2, 3 }
t[3] = nil
print(table.maxn(t))
t[100] = 1; t[100] = nil
print(table.maxn(t))
print(pcall(table.maxn))
print(pcall(table.maxn, "x"))
