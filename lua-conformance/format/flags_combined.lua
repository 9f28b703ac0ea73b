-- combinations of flags on numbers
local flags = { "", "-", "+", " ", "#", "0", "-+", "+0", " 0", "#0", "-#", "+ " }
for _, f in ipairs(flags) do
  print(string.format("[%" .. f .. "8d][%" .. f .. "8.3f][%" .. f .. "10.3e][%" .. f .. "8g][%" .. f .. "6x]", -42, 3.14159, 31415.9, 0.0001, 255))
end
