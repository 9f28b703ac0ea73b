local function outer(a)
  local function middle(b)
    local function inner(c)
      return a + b + c
    end
    return inner
  end
  return middle
end
print(outer(1)(2)(3))
print((function() return (function() return (function() return "deep" end)() end)() end)())
local compose = function(f, g) return function(...) return f(g(...)) end end
local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
