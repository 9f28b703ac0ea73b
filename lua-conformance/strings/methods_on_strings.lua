-- the string metatable: methods through ("x"):f()
local s = "Hello"
print(s:len(), s:upper(), s:lower(), s:rep(2), s:sub(2, 3), s:byte(1))
print(("%d-%s"):format(5, "x"), ("a,b"):find(","), ("k=v"):match("(%w)=(%w)"))
print(getmetatable("").__index == string)
print(rawequal(getmetatable("a"), getmetatable("b")))
local n = 0
for w in ("one two three"):gmatch("%a+") do n = n + 1 end
print(n, (""):len(), #("x"):rep(3))
string.twice = function(x) return x .. x end
print(("ab"):twice())
string.twice = nil
print(pcall(function() return ("ab"):twice() end))
