print(("x"):upper(), #("abc"), ("%d"):format(5))
local s = "hello"
print(s:sub(2, 3), s:byte(1), s:rep(2, nil), s:len())
local mt = getmetatable("")
print(type(mt), mt.__index == string, getmetatable("a") == getmetatable("b"))
print(("abc"):upper():lower())
string.twice = function(str) return str .. str end
print(("ab"):twice())
string.twice = nil
print(pcall(function() return ("ab"):twice() end))
print(getmetatable(1), getmetatable(nil), getmetatable(true), getmetatable(print))
