local total = 0
local adders = {}
for i = 1, 5 do
  adders[i] = function() total = total + i end
end
for _, f in ipairs(adders) do f() end
print(total)
adders[5]()
print(total)
