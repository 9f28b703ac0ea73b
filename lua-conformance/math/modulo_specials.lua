-- % and fmod with zero, inf and nan operands
local function s(x) return tostring(x) end
print(s(5 % 0), s(-5 % 0), s(0 % 0), s(5 % math.huge), s(-5 % math.huge), s(math.huge % 5))
print(s(math.fmod(5, 0)), s(math.fmod(-5, 0)), s(math.fmod(5, math.huge)), s(math.fmod(math.huge, 5)))
print(s(5.5 % -2), s(-5.5 % -2), s(1e308 % 3), s(-0.0 % 1))
