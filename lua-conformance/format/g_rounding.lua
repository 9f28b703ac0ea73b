-- %g when rounding carries into another digit count or style
local vals = { 9.9999995, 99999.95, 999999.5, 9999995, 0.00009999995, 1.5, 2.5, 0.125, 1e21, 1e22, 1e23 }
for _, v in ipairs(vals) do
  print(string.format("%g|%.1g|%.2g|%#g|%#.3g|%.14g", v, v, v, v, v, v))
end
