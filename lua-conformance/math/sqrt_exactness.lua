-- sqrt of perfect squares and of non-squares
for i = 0, 20 do
  local x = i * i
  print(x, math.sqrt(x), string.format("%.17g", math.sqrt(i)), math.sqrt(x) == i)
end
