-- nan and inf in every float conversion (sign from the sign bit, as glibc)
local nan, inf = 0/0, 1/0
for _, f in ipairs({ "%f", "%e", "%g", "%E", "%G", "%5.2f", "%-6g|", "%+f", "% e", "%010f", "%#g" }) do
  print(f, string.format(f, nan), string.format(f, -nan), string.format(f, inf), string.format(f, -inf))
end
print(tostring(nan), tostring(-nan), tostring(inf), tostring(-inf))
