print(type(collectgarbage("count")), collectgarbage("count") > 0)
print(collectgarbage("collect"), collectgarbage())
print(type(collectgarbage("step")))
print(collectgarbage("stop"), collectgarbage("restart"))
local prev = collectgarbage("setpause", 150)
print(type(prev), collectgarbage("setpause", prev) == 150)
local prevmul = collectgarbage("setstepmul", 300)
print(type(prevmul), collectgarbage("setstepmul", prevmul) == 300)
print(pcall(collectgarbage, "bogus"))
print(pcall(function() collectgarbage("bogus") end))
local finished = false
for i = 1, 100000 do if collectgarbage("step") then finished = true break end end
print(finished)
