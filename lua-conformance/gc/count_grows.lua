collectgarbage()
local before = collectgarbage("count")
local keep = {}
for i = 1, 20000 do keep[i] = {i} end
local during = collectgarbage("count")
print(during > before)
keep = nil
collectgarbage()
collectgarbage()
local after = collectgarbage("count")
print(after < during)
