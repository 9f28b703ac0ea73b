-- deg and rad as 5.1 computes them (x / (pi/180), x * (pi/180))
local vals = { 0, 1, -1, 0.5, 2, 3, 7, 10, 45, 90, 180, 360, 1e10, 0.1, 1/3, 123.456 }
for _, v in ipairs(vals) do
  print(v, string.format("%.17g %.17g", math.deg(v), math.rad(v)), math.deg(math.rad(v)) == v)
end
print(math.deg(math.pi), math.rad(180) == math.pi, math.deg(1/0), math.rad(-1/0))
