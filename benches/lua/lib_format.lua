-- string.format of numbers (%d %5.2f %g %x %s) and tostring / .. of
-- integers and floats.
local acc = 0
for i = 1, 200000 do
  local x = i * 0.37
  acc = acc + #string.format("%d", i) + #string.format("%5.2f", x) + #string.format("%g", x)
  acc = acc + #string.format("%x %s", i, i) + #string.format("%s=%d", "k", i)
  acc = acc + #tostring(i) + #tostring(x) + #(i .. "")
end
print("lib_format", acc)
