-- tabs, form feeds, vertical tabs and carriage returns are whitespace
local f = loadstring("return\t1\f+\v2\r+ 3")
print(f())
local g = loadstring("  \t\n  return   \n\n  'spaces'  \n\n")
print(g())
print(loadstring("") ~= nil, loadstring("   \n\t ") ~= nil)
print(loadstring("return")())
