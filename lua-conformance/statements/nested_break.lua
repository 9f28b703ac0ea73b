local found
for i = 1, 5 do
  for j = 1, 5 do
    if i * j == 12 then found = i .. "x" .. j; break end
  end
  if found then break end
end
print(found)
local log = {}
for i = 1, 3 do
  while true do
    log[#log + 1] = i
    break
  end
end
print(table.concat(log, ","))
local n = 0
repeat
  for k = 1, 10 do if k > 2 then break end n = n + 1 end
  n = n + 100
until true
print(n)
