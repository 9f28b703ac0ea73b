-- %e rounding (exact binary values, ties to even)
local vals = { 0.5, 1.5, 2.5, 0.125, 0.375, 1e-5, 123456789, 9.995, 9.9949999, 1.0000000000000002 }
for _, v in ipairs(vals) do
  print(string.format("%.0e|%.1e|%.2e|%.16e", v, v, v, v))
end
