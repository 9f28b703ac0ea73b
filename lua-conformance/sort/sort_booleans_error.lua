-- errors comparing mixed types name both types
print(pcall(table.sort, { 1, 2, "3" }))
print(pcall(table.sort, { "a", 1 }))
print(pcall(table.sort, { true, 1 }))
print(pcall(table.sort, { {}, 1 }))
print(pcall(table.sort, { print, print }))
