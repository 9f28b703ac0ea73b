print(-1, -(1), - 1, -(-1))
print(-"2", -"-2", -" 3 ", -"0x10")
print(-0, -(0), 0 * -1)
print(pcall(function() return -"abc" end))
print(pcall(function() return -{} end))
print(pcall(function() local x return -x end))
local n = 5
print(-n ^ 2, (-n) ^ 2, - -n)
