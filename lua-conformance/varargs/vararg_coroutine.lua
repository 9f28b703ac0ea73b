local co = coroutine.create(function(...)
  print("start", select('#', ...), ...)
  local r = {coroutine.yield(...)}
  print("resumed with", #r, unpack(r))
  return select('#', coroutine.yield()), "done"
end)
print(coroutine.resume(co, 1, nil, 3))
print(coroutine.resume(co, "x", "y"))
print(coroutine.resume(co, nil, nil, nil))
