-- %.14g of integral values of every magnitude
local v = 1
for i = 0, 20 do
  print(i, string.format("%.14g", v), string.format("%.14g", v - 1), string.format("%.14g", -v), tostring(v + 0.5))
  v = v * 10
end
