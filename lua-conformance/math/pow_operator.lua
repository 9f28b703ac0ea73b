-- ^ and math.pow agree
for _, p in ipairs({ { 2, 10 }, { 2, -2 }, { 10, 15 }, { 10, 16 }, { -2, 3 }, { -2, 0.5 }, { 0, 0 }, { 1.5, 2.5 }, { 9, 0.5 } }) do
  local a, b = p[1], p[2]
  print(a, b, a ^ b, math.pow(a, b), a ^ b == math.pow(a, b) or (a ^ b ~= a ^ b))
end
