print(1 == "1", "1" == 1, nil == false, 0 == false, "" == false)
local a, b = {}, {}
print(a == a, a == b, a ~= b)
local f = function() end
local g = f
print(f == g, f == function() end)
print("abc" == "a" .. "bc", 2 == 2.0, -0 == 0)
print(true == true, false == false, true ~= false, nil == nil)
print(print == print, type == type, print == type)
print(rawequal(a, a), rawequal(a, b), rawequal("x", "x"), rawequal(1, 1.0))
