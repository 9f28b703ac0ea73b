local t = {}
for i = 1, 250 do t[i] = i end
print(select('#', unpack(t)))
local function sum(...)
  local s = 0
  for i = 1, select('#', ...) do s = s + select(i, ...) end
  return s
end
print(sum(unpack(t)))
print(select(-1, unpack(t)), select(200, unpack(t)) + 0)
local packed = {unpack(t)}
print(#packed, packed[250])
