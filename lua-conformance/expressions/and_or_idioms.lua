local function tern(c, a, b) return c and a or b end
print(tern(true, "a", "b"), tern(false, "a", "b"), tern(true, false, "b"), tern(true, nil, "b"))
local function max(a, b) return a > b and a or b end
print(max(3, 7), max(9, 1), max(-1, -1))
local t = {}
t.x = t.x or {}
t.x.n = (t.x.n or 0) + 1
t.x.n = (t.x.n or 0) + 1
print(t.x.n)
local v = nil
local name = v and v.name or "anon"
print(name)
print(1 and nil or 3, false or false, nil or nil)
