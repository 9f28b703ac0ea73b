-- 5.1 rejects [[ nested inside a level-0 long string
print(loadstring("x = [[ a [[ b ]] ]]"))
print(loadstring("--[[ a [[ b ]]"))
print(loadstring("x = [= a ]=]"))
print(loadstring("x = [==x"))
-- but nesting is fine with a different level
print(loadstring("return [=[ a [[ b ]] ]=]")())
print(loadstring("return [[ a [=[ b ]=] ]]")())
print(loadstring("return [[ a ] ]]")())
