-- the handler runs before the stack unwinds: a local in the handler's closure can record things
local seen
local ok, r = xpcall(function() local x = {} return x.a.b end, function(m) seen = m return "replaced" end)
print(ok, r)
print(seen)
print(xpcall(error, function(m) return "got " .. tostring(m) end))
