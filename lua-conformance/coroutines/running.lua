-- in 5.1 coroutine.running() returns nil in the main thread
print(coroutine.running())
print(select('#', coroutine.running()))
local co
co = coroutine.create(function()
  local r = coroutine.running()
  print(type(r), r == co)
end)
coroutine.resume(co)
local w = coroutine.wrap(function() return type(coroutine.running()) end)
print(w())
