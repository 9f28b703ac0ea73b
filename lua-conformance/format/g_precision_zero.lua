-- %.0g is treated as %.1g
for _, v in ipairs({ 0, 1, 5, 15, 150, 0.05, 1e10, 123.456, 0.00001 }) do
  print(string.format("%.0g|%.1g|%#.0g|%.0G", v, v, v, v))
end
