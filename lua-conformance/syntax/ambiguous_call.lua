-- a '(' starting a new line after an expression is an error in 5.1
print(loadstring("f\n(g)"))
print(loadstring("local a = f\n(g)()"))
print(loadstring("a = b\n('x'):upper()"))
print(loadstring("f(\ng)") ~= nil)
print(loadstring("f (g)") ~= nil)
print(loadstring("local a = f;\n(g)()") ~= nil)
-- string and table call forms may cross lines
print(loadstring("print\n'ok'") ~= nil)
print(loadstring("print\n{}") ~= nil)
