local function producer()
  return coroutine.create(function()
    for _, item in ipairs({"a", "b", "c"}) do coroutine.yield(item) end
    return nil
  end)
end
local function filter(src)
  return coroutine.create(function()
    while true do
      local _, v = coroutine.resume(src)
      if v == nil then return nil end
      coroutine.yield(v:upper())
    end
  end)
end
local function consume(src)
  local out = {}
  while true do
    local _, v = coroutine.resume(src)
    if v == nil then break end
    out[#out + 1] = v
  end
  return table.concat(out, ",")
end
print(consume(filter(producer())))
