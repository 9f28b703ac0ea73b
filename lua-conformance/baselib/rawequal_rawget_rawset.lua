local t = {}
print(rawequal(t, t), rawequal(t, {}), rawequal(1, 1), rawequal("a", "a"), rawequal(1, "1"))
print(rawequal(nil, nil), rawequal(nil, false), rawequal(0, -0))
print(pcall(rawequal, 1))
print(rawget({10, 20}, 2), rawget({}, "x"), rawget({[1.0] = "one"}, 1))
local r = rawset({}, "k", "v")
print(r.k)
print(pcall(rawset, {}, 0/0, 1))
print(pcall(rawset, {}, "k"))
