-- %d truncates toward zero; %.0f rounds
for _, v in ipairs({ 0.4, 0.6, 1.5, -0.4, -0.6, -1.5, 2.5, 1e10 + 0.9, -(2^31) - 0.5 }) do
  print(v, string.format("%d %.0f %5.1f %i", v, v, v, v))
end
