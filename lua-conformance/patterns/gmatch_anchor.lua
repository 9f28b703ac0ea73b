-- in 5.1 gmatch treats '^' as a literal character
local out = {}
for w in ("^a^a"):gmatch("^a") do out[#out + 1] = w end
print(#out, table.concat(out, ","))
out = {}
for w in ("aaa"):gmatch("^a") do out[#out + 1] = w end
print(#out)
out = {}
for w in ("hello"):gmatch("l*") do out[#out + 1] = "<" .. w .. ">" end
print(table.concat(out))
