-- tostring of fractions
for i = 1, 12 do
  print(i, tostring(1 / i), tostring(i / 7), tostring(-i / 9), tostring(i * 0.1))
end
