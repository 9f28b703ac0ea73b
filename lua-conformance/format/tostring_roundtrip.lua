-- tostring loses digits beyond 14 significant ones
local vals = { 0.1, 1/3, math.pi, 2^53 + 1, 123456789.123456789, 1e-20 / 3 }
for _, v in ipairs(vals) do
  local s = tostring(v)
  print(s, tonumber(s) == v, string.format("%.17g", v))
end
