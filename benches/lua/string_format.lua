-- string.format and tostring/tonumber of numbers.
local len = 0
for i = 1, 300000 do
  local s = string.format("%d %5.2f %s %x %g", i, i / 7, "v" .. (i % 10), i, i * 0.25)
  len = len + #s
end
for i = 1, 300000 do
  len = len + #tostring(i) + #tostring(i / 3) + #tostring(-i * 1.5)
end
local back = 0
for i = 1, 300000 do
  back = back + tonumber(tostring(i * 0.5)) + tonumber("0x" .. string.format("%x", i))
end
local s = string.format("%-10s|%10s|%05d|%.3e|%q", "left", "right", 42, 12345.678, "a\"b\n")
print("string_format", len, back, s:len())
