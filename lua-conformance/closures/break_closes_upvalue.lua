local fs = {}
for i = 1, 10 do
  local v = i * i
  fs[#fs + 1] = function() return v end
  if i == 3 then break end
end
print(#fs, fs[1](), fs[2](), fs[3]())
local h
while true do
  local w = "closed on break"
  h = function() return w end
  break
end
print(h())
