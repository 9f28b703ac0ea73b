local wk = setmetatable({}, {__mode = "k"})
local alive = {}
local function fill()
  wk[alive] = "alive"
  wk[{}] = "dead"
  wk[function() end] = "dead fn"
end
fill()
collectgarbage()
local n, values = 0, {}
for k, v in pairs(wk) do n = n + 1; values[#values + 1] = v end
print(n, values[1], wk[alive])
