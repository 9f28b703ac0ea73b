-- values with short exact binary fractions (halves, quarters, large integers)
-- at every precision: the digits must be exactly those of the exact value
local vals = { 0.5, 1.5, 2.5, 0.125, 0.375, 1e20, 2^60, 2^70 + 2^20, 123456789.25, 0.0009765625, 1e15 + 0.5, 4503599627370495.5 }
for _, v in ipairs(vals) do
  local t = {}
  for p = 0, 17, 2 do t[#t + 1] = string.format("%." .. p .. "g", v) end
  print(tostring(v), table.concat(t, " "))
  print(string.format("%.0e %.3e %.14e %.15e %.16e", v, v, v, v, v))
end
