local cache = setmetatable({}, {__mode = "v"})
local keep = {}
local function fill()
  cache.a = {}
  cache.b = keep
  cache.c = function() end
end
fill()
collectgarbage()
collectgarbage()
print(cache.a, cache.b == keep, cache.c)
local n = 0
for _ in pairs(cache) do n = n + 1 end
print(n)
