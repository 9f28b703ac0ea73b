-- long bracket strings keep bytes verbatim
local s = [[
line1
line2 %d [x] ]]
print(#s, s:find("%%d"), s:find("[x]", 1, true))
local t = [==[a]]b]=]c]==]
print(t, #t)
