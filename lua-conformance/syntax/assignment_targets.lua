local t = {}
t.a, t["b"] = 1, 2
print(t.a, t.b)
local function get() return t end
get().c = 3
get()["d"] = 4
print(t.c, t.d)
local u = {inner = {}}
u.inner.x, u["inner"].y = "x", "y"
print(u.inner.x, u.inner.y)
print(loadstring("(a) = 1"))
print(loadstring("f() = 1"))
print(loadstring("a.b:c() = 1"))
print(loadstring("1 = x"))
print(loadstring("'s' = x"))
print(loadstring("a, b() = 1, 2"))
print(loadstring("a + b = 1"))
print(loadstring("(a).b = 1") ~= nil)
