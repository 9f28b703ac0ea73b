collectgarbage()
collectgarbage("stop")
local before = collectgarbage("count")
for i = 1, 5000 do local t = {i, i, i} end
local during = collectgarbage("count")
print(during > before)
collectgarbage("restart")
collectgarbage()
print(collectgarbage("count") < during)
