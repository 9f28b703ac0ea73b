collectgarbage()
collectgarbage()
local before = collectgarbage("count")
for i = 1, 200 do
  local garbage = {}
  for j = 1, 500 do garbage[j] = {j} end
  local s = string.rep("x", 1000) .. i
end
collectgarbage()
collectgarbage()
local after = collectgarbage("count")
print(after < before + 200)
