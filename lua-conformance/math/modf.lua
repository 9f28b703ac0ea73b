-- modf: integral and fractional parts with C's signs
local function p(x) local a, b = math.modf(x); print(x, a, b) end
p(3.7); p(-3.7); p(3); p(-3); p(0); p(0.5); p(-0.5)
p(1/0); p(-1/0); p(1e100); p(2^53 + 0.5); p(-1e-300)
local z = 0
p(-z)
print(select("#", math.modf(1.5)))
