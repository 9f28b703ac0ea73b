-- %f rounding of values near .5
local vals = { 0.5, 1.5, 2.5, 3.5, -0.5, -1.5, 0.05, 0.15, 0.25, 0.35, 1.005, 2.675, 1e-7 }
for _, v in ipairs(vals) do
  print(v, string.format("%.0f|%.1f|%.2f|%.3f", v, v, v, v))
end
