-- classes inside sets, and complemented sets
local s = "abc DEF 123 _-+ \t\n"
print((s:gsub("[%a]", "")))
print((s:gsub("[%d%s]", "")))
print((s:gsub("[^%a]", "")))
print((s:gsub("[%A]", "#")))
print((s:gsub("[^%w%s]", "?")))
print((s:gsub("[%l%d]", "*")))
print((s:gsub("[%U]", ".")))
