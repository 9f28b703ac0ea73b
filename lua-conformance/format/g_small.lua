-- %g of small numbers: the 1e-4 / 1e-5 switch and rounding
local vals = { 0.0001, 0.00009999, 0.000099999999999999, 1e-5, 0.00012345678901234567,
  1.5e-308, 5e-324, 0.1, 0.01, 0.001 }
for _, v in ipairs(vals) do
  print(string.format("%g|%.3g|%.14g|%.20g", v, v, v, v))
end
