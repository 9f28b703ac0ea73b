local outer = setmetatable({}, {__mode = "v"})
local holder = {inner = setmetatable({}, {__mode = "k"})}
outer.holder = holder
local key = {}
holder.inner[key] = {payload = true}
holder.inner[{}] = "gone"
collectgarbage()
local n = 0
for _ in pairs(outer.holder.inner) do n = n + 1 end
print(n, outer.holder.inner[key].payload)
holder = nil
collectgarbage()
print(outer.holder)
