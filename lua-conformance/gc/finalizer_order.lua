-- __gc runs once per userdata, after the cycle that found it unreachable;
-- the object and what it refers to are still usable inside the finalizer.
local log = {}
local mt = {__gc = function(u) log[#log + 1] = "gc " .. tostring(getmetatable(u).tag) end}
local function make(tag)
  local p = newproxy(true)
  local m = getmetatable(p)
  m.__gc = mt.__gc
  m.tag = tag
  return p
end
do
  local a, b, c = make("a"), make("b"), make("c")
end
collectgarbage()
table.sort(log)
print(#log, table.concat(log, ","))
collectgarbage()
print(#log)
-- a finalizer that stores its object keeps it (resurrection), but runs once
local saved
do
  local p = newproxy(true)
  getmetatable(p).__gc = function(u) saved = u; log[#log + 1] = "resurrected" end
end
collectgarbage()
print(#log, type(saved))
saved = nil
collectgarbage()
print(#log)
-- weak tables keep finalized objects until they are really collected
local weak = setmetatable({}, {__mode = "v"})
do
  local p = newproxy(true)
  getmetatable(p).__gc = function() end
  weak[1] = p
end
collectgarbage()
print(weak[1] ~= nil)
collectgarbage()
print(weak[1] == nil)
