-- unbounded recursion through pcall ends with a stack overflow error somewhere down the chain
local function f()
  local ok, e = pcall(f)
  return e
end
local msg = f()
print(type(msg), string.find(msg, "stack overflow", 1, true) ~= nil)
local function g(n) return select(2, pcall(g, n + 1)) end
local m2 = g(1)
print(type(m2), string.find(m2, "stack overflow", 1, true) ~= nil)
