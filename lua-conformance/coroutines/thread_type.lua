local co = coroutine.create(function() end)
print(type(co), type(coroutine.wrap(function() end)))
print(co == co, co ~= coroutine.create(function() end))
local t = {[co] = "keyed by thread"}
print(t[co])
print(tostring(co):match("^thread: ") ~= nil)
