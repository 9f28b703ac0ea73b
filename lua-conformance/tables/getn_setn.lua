-- table.getn is #t for sequences; table.setn is obsolete
print(table.getn({}), table.getn({ 1, 2, 3 }), table.getn({ n = 5 }), table.getn({ 1, 2, nil }))
print(pcall(table.setn, {}, 5))
print(pcall(table.setn, {}))
print(pcall(table.setn))
print(pcall(table.getn))
print(pcall(table.getn, "abc"))
