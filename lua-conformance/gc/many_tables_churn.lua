-- lots of short-lived objects; the collector keeps up
local total = 0
for i = 1, 100000 do
  local t = {i, tostring(i), {i}}
  total = total + t[1]
end
print(total)
collectgarbage()
print(collectgarbage("count") < 10000)
