-- octal with flags and precision
for _, v in ipairs({ 0, 1, 7, 8, 64, 511, 4096 }) do
  print(string.format("%o|%#o|%5o|%-5o|%05o|%.3o|%#.3o", v, v, v, v, v, v, v))
end
