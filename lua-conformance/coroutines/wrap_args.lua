local w = coroutine.wrap(function(...)
  print("first call", ...)
  while true do
    print("resumed", coroutine.yield(select('#', ...)))
  end
end)
print(w(1, 2, 3))
print(w("a"))
print(w())
print(w(nil, nil))
