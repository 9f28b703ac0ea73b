collectgarbage()
local steps, done = 0, false
for i = 1, 1000000 do
  steps = steps + 1
  if collectgarbage("step", 0) then done = true break end
end
print(done)
local weak = setmetatable({}, {__mode = "v"})
weak[1] = {}
local finished = false
for i = 1, 1000000 do if collectgarbage("step", 100) then finished = true break end end
for i = 1, 1000000 do if collectgarbage("step", 100) then break end end
print(finished, weak[1])
