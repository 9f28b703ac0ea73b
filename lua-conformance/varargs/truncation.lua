local function three() return 1, 2, 3 end
local function v(...) return ... end
print(three(), three())
print((three()))
print(v(three(), 10))
print(select('#', v(three(), three())))
print(#{three(), three()})
local a, b, c, d, e = three(), three()
print(a, b, c, d, e)
local function va(...) return ..., "last" end
print(va(1, 2, 3))
print(va())
local function paren(...) return (...) end
print(paren(7, 8, 9), select('#', paren()))
