-- frexp and ldexp
local function f(x) print(x, math.frexp(x)) end
f(0); f(1); f(-1); f(0.5); f(8); f(1000); f(-0.1); f(1e300); f(5e-324); f(2.2250738585072014e-308)
f(1/0); f(-1/0)
local z = 0
f(-z)
print(math.ldexp(1, 10), math.ldexp(0.5, 1), math.ldexp(1, -1074), math.ldexp(1, -1075))
print(math.ldexp(1, 1024), math.ldexp(-1, 1024), math.ldexp(1.5, 1023), math.ldexp(3, 2.9))
print(math.ldexp(2^1000, -1100), math.ldexp(2^-1000, 1100), math.ldexp(0.75, -1073))
print(math.ldexp(1/0, -5), math.ldexp(0, 5000))
for _, x in ipairs({ 123.456, -7e-20, 1e308 }) do
  local m, e = math.frexp(x)
  print(math.ldexp(m, e) == x)
end
