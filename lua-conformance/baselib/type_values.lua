print(type(nil), type(true), type(0), type(""), type({}), type(print), type(type))
print(type(function() end), type(coroutine.create(function() end)), type(newproxy()))
print(type(type(1)), type(1 .. ""), type("1" + 0))
print(pcall(type))
