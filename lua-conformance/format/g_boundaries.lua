-- %.14g (tostring) around 1e15 and 1e16 and the fixed/exponent switch
local vals = { 1e14 - 1, 1e14, 1e14 + 1, 99999999999999.5, 999999999999999,
  1e15, 1e15 + 1, 1e16 - 2, 1e16, 2^53, 2^53 + 2, 1e16 + 2, 12345678901234.5 }
for _, v in ipairs(vals) do
  print(string.format("%.14g|%.15g|%.16g|%.17g|%g", v, v, v, v, v), tostring(v))
end
