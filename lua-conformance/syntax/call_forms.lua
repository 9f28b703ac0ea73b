local function id(...) return ... end
print(id"string arg")
print(id'single')
print(id[[long]])
print(type(id{1, 2}), #id{1, 2, 3})
local o = {v = "obj"}
function o:m(x) return self.v .. ":" .. tostring(x) end
print(o:m"s", o:m{} ~= nil, o:m(1))
local function curry(a) return function(b) return function(c) return a .. b .. c end end end
print(curry"x""y""z")
print(curry("a")("b")("c"))
local s = ("abc"):upper()
print(s, ("x"):rep(3))
print(#id{n = 1})
