local t = {}
print(pcall(function() local x = {}; return "a" .. x end))
print(pcall(function() local x; return x .. "b" end))
print(pcall(function() return "a" .. t.missing end))
print(pcall(function() return gvar .. "x" end))
print(pcall(function() return 1 .. true end))
print(pcall(function() local f = print; return "x" .. f end))
print(pcall(function() return "a" .. "b" .. nil .. "c" end))
print(pcall(function() local a, b = "x", {}; return a .. b .. "y" end))
