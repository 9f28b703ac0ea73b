-- module() creates the table, sets _M/_NAME/_PACKAGE and the caller's environment.
local function def()
  module("shapes.square", package.seeall)
  function area(s) return s * s end
  return _M
end
local m = def()
print(m == shapes.square, m._NAME, m._PACKAGE, m._M == m, m.area(3))
print(package.loaded["shapes.square"] == m, type(area))
local function plain()
  module("plainmod")
  return print
end
print(plain())
print(pcall(module, "x"))
local function clash()
  string.taken = 1
  module("string.taken")
end
print(pcall(clash))
local function twice()
  module("twice", package.seeall)
  count = (count or 0) + 1
end
twice() twice()
print(package.loaded.twice.count, package.loaded.twice._NAME)
local function opts()
  module("withopts", function(m) m.opt = "applied" end)
end
opts()
print(withopts.opt)
