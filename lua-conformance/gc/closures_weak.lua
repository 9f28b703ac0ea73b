local weak = setmetatable({}, {__mode = "v"})
local function make(i) return function() return i end end
local kept = make(0)
weak[1] = kept
for i = 2, 10 do weak[i] = make(i) end
collectgarbage()
local n = 0
for _ in pairs(weak) do n = n + 1 end
print(n, weak[1] == kept, weak[1]())
