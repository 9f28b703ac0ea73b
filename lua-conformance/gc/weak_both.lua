local wkv = setmetatable({}, {__mode = "kv"})
local k1, v1 = {}, {}
local function fill()
  wkv[k1] = {}
  wkv[{}] = v1
  wkv.str = {}
  wkv.strong = v1
end
fill()
collectgarbage()
local n = 0
for _ in pairs(wkv) do n = n + 1 end
print(n, wkv[k1], wkv.strong == v1, wkv.str)
