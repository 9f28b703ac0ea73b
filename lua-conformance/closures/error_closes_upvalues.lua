local f
local ok, err = pcall(function()
  local x = "captured before error"
  f = function() return x end
  error("boom", 0)
end)
print(ok, err, f())
local g, set
pcall(function()
  local y = 1
  g = function() return y end
  set = function(v) y = v end
  error({})
end)
set(99)
print(g())
