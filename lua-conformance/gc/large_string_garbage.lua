collectgarbage()
local base = collectgarbage("count")
do
  local big = string.rep("abcdefgh", 100000)
  print(#big)
end
collectgarbage()
collectgarbage()
print(collectgarbage("count") < base + 100)
