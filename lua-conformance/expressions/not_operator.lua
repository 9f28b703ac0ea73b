print(not nil == true, not (nil == true))
print(not 1 == nil)
print(not not 1, not not nil)
local x = 5
print(not x, not (x > 3), (not x) == false)
print(pcall(function() return not x > 3 end))
