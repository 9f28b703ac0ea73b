-- frexp over powers of ten
for e = -10, 10 do
  local m, x = math.frexp(10 ^ e)
  print(e, string.format("%.17g", m), x, math.ldexp(m, x) == 10 ^ e)
end
