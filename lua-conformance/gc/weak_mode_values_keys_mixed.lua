local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
local wv = setmetatable({}, {__mode = "v"})
local wk = setmetatable({}, {__mode = "k"})
for i = 1, 10 do wv[i] = {} ; wk[{}] = i end
local k = {}
wv[11] = k
wk[k] = 11
collectgarbage()
print(count(wv), count(wk), wv[11] == k, wk[k])
