local function f() return 1, 2, 3 end
local function cnt(...) return select('#', ...) end
print(cnt(f()), cnt(f(), f()), cnt((f())), cnt(f(), nil))
print(cnt(nil, f()), cnt({f()}), cnt(f(), (f())))
local t = {}
t.a, t.b, t.c = f()
print(t.a, t.b, t.c)
t.a, t.b, t.c = (f())
print(t.a, t.b, t.c)
