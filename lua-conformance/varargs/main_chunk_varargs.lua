-- the main chunk is a vararg function receiving the script arguments
print(select('#', ...))
local args = {...}
print(#args)
print(type(arg), arg[0], #arg)
