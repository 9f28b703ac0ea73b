a = {b = {c = {}}}
function a.b.c.f() return "a.b.c.f" end
function a.b.c:g() return self == a.b.c end
print(a.b.c.f(), a.b.c:g())
local l = {}
function l.x() return "local table field" end
print(l.x())
function globalfunc() return "gf" end
print(globalfunc())
local function localfunc() return "lf" end
print(localfunc(), _G.localfunc)
