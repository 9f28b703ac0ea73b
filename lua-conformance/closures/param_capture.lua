local function adder(x) return function(y) return x + y end end
local add5, add10 = adder(5), adder(10)
print(add5(1), add10(1), add5(add10(0)))
local function modify(p)
  local f = function() p = p .. "!" return p end
  return f
end
local m = modify("hi")
print(m(), m())
