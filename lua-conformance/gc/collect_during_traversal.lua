-- assigning nil to existing fields and collecting during next() traversal is allowed
local t = {}
for i = 1, 100 do t["k" .. i] = {} end
local visited = 0
for k, v in pairs(t) do
  visited = visited + 1
  t[k] = nil
  if visited % 10 == 0 then collectgarbage() end
end
print(visited, next(t))
