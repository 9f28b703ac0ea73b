local getters = {}
do
  local secret = "s1"
  getters.a = function() return secret end
  getters.b = function(v) secret = v end
end
print(getters.a())
getters.b("s2")
print(getters.a())
local function make()
  local t = {}
  local count = 0
  function t.inc() count = count + 1 end
  function t.get() return count end
  return t
end
local o = make()
o.inc(); o.inc(); o.inc()
print(o.get())
