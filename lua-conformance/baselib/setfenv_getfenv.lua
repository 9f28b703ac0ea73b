local function f() return value end
value = "global value"
print(f())
local env = {value = "env value"}
print(setfenv(f, env) == f)
print(f(), getfenv(f) == env)
print(getfenv(0) == _G, getfenv() == _G, getfenv(1) == _G)
local function g()
  setfenv(1, {print = print, tag = "inside"})
  print(tag)
end
g()
print(tag)
-- closures inherit the environment of the function that creates them
local maker = function() return function() return value end end
setfenv(maker, {value = "maker env"})
print(maker()())
print(pcall(setfenv, print, {}))
print(pcall(function() setfenv(100, {}) end))
print(getfenv(print) == _G)
