-- sin and cos over a range, 17 significant digits
for i = -4, 12 do
  local x = i * 0.5
  print(x, string.format("%.17g %.17g %.17g", math.sin(x), math.cos(x), math.tan(x)))
end
