local weakmt = {__mode = "k"}
local a = setmetatable({}, weakmt)
local b = setmetatable({}, weakmt)
local k = {}
a[k] = 1; a[{}] = 2
b[k] = 3; b[{}] = 4
collectgarbage()
local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
print(count(a), count(b), a[k], b[k])
