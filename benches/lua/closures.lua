-- Closures: creating closures, calling them, reading and writing upvalues.
local function counter()
  local n = 0
  return function(d) n = n + d; return n end
end

local total = 0
for r = 1, 1000000 do
  local c = counter()
  c(1); c(2)
  total = total + c(3)
end

local function compose(f, g) return function(x) return f(g(x)) end end
local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
local h = compose(inc, compose(dbl, inc))
for i = 1, 6000000 do total = total + h(i) % 5 end

local function make_adders(n)
  local fs = {}
  for i = 1, n do fs[i] = function(x) return x + i end end
  return fs
end
for r = 1, 1500 do
  local fs = make_adders(1000)
  for i = 1, #fs do total = total + fs[i](r) end
end

-- shared upvalue between two closures
local get, set
do
  local v = 0
  get = function() return v end
  set = function(x) v = x end
end
for i = 1, 4000000 do set(get() + i % 3) end
print("closures", total, get())
