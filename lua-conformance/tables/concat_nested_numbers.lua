-- numbers converted inside concat and in the separator
print(table.concat({ 1, 2, 3 }, 0.5))
print(table.concat({ 1e15, 1e16, -1e-7 }, 1e100))
print(pcall(table.concat, { 1, 2 }, true))
