-- long strings of several levels
local a = [[hello]]
print(a, #a)
local b = [[
first newline is skipped]]
print(b)
local c = [==[contains ]] and ]=] inside]==]
print(c)
local d = [=[
line1
line2]=]
print(d, #d)
local e = [[]]
print(#e, e == "")
local f = [====[a]===]b]====]
print(f)
print([[no \n escapes \t here]])
local g = [[

two newlines, only the first is skipped]]
print(#g, g:sub(1, 1) == "\n")
print([=[[[nested-looking]]]=])
