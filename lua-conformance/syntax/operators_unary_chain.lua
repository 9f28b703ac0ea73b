print(- - 1, - - - 2, not not nil, not not 0)
print(-(-3), - -"4")
print(#"abc" + 1, -#"ab")
print(not #"" == 0)
local t = {1, 2}
print(- #t)
print(loadstring("return --1") ~= nil)
print(loadstring("return --1")())
