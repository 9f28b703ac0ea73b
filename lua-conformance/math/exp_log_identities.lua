-- exact results and identities of exp, log and pow
for _, x in ipairs({ 0.5, 1, 2, 10, 100, 1e-3 }) do
  print(x, math.log(x), math.log10(x), math.exp(math.log(x)), math.pow(10, math.log10(x)), x ^ 0.5 == math.sqrt(x))
end
