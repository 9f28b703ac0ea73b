-- strings have a metatable with __index = string
local s = "Hello"
print(s:upper(), s:lower(), s:len(), #s)
print(("x"):rep(3), ("%d-%s"):format(5, "x"), ("abc"):sub(2))
print(("abc"):byte(1, -1))
print(type(s.len), s.nope, s.len == string.len)
print(("A"):byte() + 1)
local n = 10
print(pcall(function() return n:upper() end))
