-- gmatch with position captures and empty matches
local r = {}
for a, b in ("hello world"):gmatch("()%w+()") do r[#r + 1] = a .. "-" .. b end
print(table.concat(r, " "))
r = {}
for p in ("aaa"):gmatch("a-()") do r[#r + 1] = p end
print(table.concat(r, " "))
r = {}
for s in (""):gmatch(".*") do r[#r + 1] = "[" .. s .. "]" end
print(#r, table.concat(r))
r = {}
for s in ("ab"):gmatch("x*") do r[#r + 1] = "[" .. s .. "]" end
print(#r, table.concat(r))
