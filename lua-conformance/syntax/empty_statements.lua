-- 5.1: ';' is only an optional separator after a statement, never a statement itself
print(loadstring(";"))
print(loadstring("x = 1;;"))
print(loadstring("local x = 1; local y = 2;") ~= nil)
print(loadstring("do ; end"))
print(loadstring("if true then ; end"))
print(loadstring("x = 1; y = 2; return x + y")())
