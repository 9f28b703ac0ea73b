local co = coroutine.create(function()
  local function inf(n) return 1 + inf(n) end
  return inf(1)
end)
local ok, err = coroutine.resume(co)
print(ok, string.find(err, "stack overflow", 1, true) ~= nil, coroutine.status(co))
local co2 = coroutine.create(function()
  local ok2, e2 = pcall(function() local function r() return 1 + r() end return r() end)
  coroutine.yield(ok2, string.find(e2, "stack overflow", 1, true) ~= nil)
  return "recovered"
end)
print(coroutine.resume(co2))
print(coroutine.resume(co2))
