function f(...) return arg.n, #{n = 0} end
print(f(nil, nil, nil))
function g(a, ...) return arg.n, a end
print(g())
print(g(nil, nil))
function h(...) arg[1] = "mod" return arg[1], arg.n end
print(h("orig"))
