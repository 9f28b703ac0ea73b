-- 5.1 has no ephemerons: a value that refers to its own weak key keeps the entry alive
local wk = setmetatable({}, {__mode = "k"})
do
  local k = {}
  wk[k] = {ref = k}
  local k2 = {}
  wk[k2] = "no back reference"
end
collectgarbage()
collectgarbage()
local n = 0
for k, v in pairs(wk) do n = n + 1 end
print(n)
