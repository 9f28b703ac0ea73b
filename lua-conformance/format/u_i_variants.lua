-- %u and %i on positive and negative values
for _, v in ipairs({ 0, 1, -1, 123, -123, 2^31, -2^31, 2^53 }) do
  print(v, string.format("%u|%i|%+i|% i|%8u", v, v, v, v, v))
end
