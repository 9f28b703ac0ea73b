local t = {a = {b = {}}}
function t.a.b.f(x) return "f" .. x end
function t.a.b:m(x) return self == t.a.b, x end
print(t.a.b.f(1), t.a.b:m(2))
local function loc(n) if n == 0 then return "done" end return loc(n - 1) end
print(loc(5))
local anon = function(...) return select('#', ...) end
print(anon(1, 2, 3))
function globalfn() return "global" end
print(globalfn(), type(_G.globalfn))
print((function(a, b) return a * b end)(6, 7))
local obj = {n = 10}
function obj:get() return self.n end
function obj.static() return "static" end
print(obj:get(), obj.get(obj), obj.static())
print(loadstring("function a:b:c() end"))
print(loadstring("function a.b:c.d() end"))
print(loadstring("local function a.b() end"))
