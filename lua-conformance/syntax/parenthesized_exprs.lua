local function mr() return 1, 2, 3 end
print(mr())
print((mr()))
local a, b = (mr())
print(a, b)
print(((("nested"))))
local t = {(mr())}
print(#t)
print(((1 + 2) * 3))
local s = ("str"):upper()
print(s)
print(select('#', (mr())))
print(select('#', (nil)))
