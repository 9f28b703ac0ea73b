-- integer division idioms with floor and %
for _, p in ipairs({ { 7, 2 }, { -7, 2 }, { 7, -2 }, { -7, -2 }, { 7.5, 2 }, { 0, 3 }, { 1, 0.1 } }) do
  local a, b = p[1], p[2]
  print(a, b, math.floor(a / b), a % b, math.fmod(a, b), a - math.floor(a / b) * b)
end
