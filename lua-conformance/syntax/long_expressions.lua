local x = 1 + 2 * 3 - 4 / 2 ^ 2 % 3 .. "!" .. (5 > 4 and "yes" or "no")
print(x)
local y = (((1 + 2) * (3 + 4)) - ((5 - 6) * (7 - 8))) / 2
print(y)
local z = 1 < 2 and 2 < 3 and "chain" or "broken"
print(z)
print(1 == 1 == true, (1 == 1) == true)
print(loadstring("return 1 < 2 < 3") ~= nil)
print(pcall(loadstring("return 1 < 2 < 3")))
