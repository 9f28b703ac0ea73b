-- several seeds, including 0, negatives and fractions
for _, s in ipairs({ 0, 1, 2, -1, 12345, 2^31, 2^32 + 7, 3.9, -3.9 }) do
  math.randomseed(s)
  local a, b, c = math.random(1000), math.random(1000), math.random(1000)
  print(s, a, b, c)
end
