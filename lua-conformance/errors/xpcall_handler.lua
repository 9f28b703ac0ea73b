local function handler(m) return "handled: " .. tostring(m) end
print(xpcall(function() error("boom") end, handler))
print(xpcall(function() return "ok", 2 end, handler))
print(xpcall(function() error({}) end, function(e) return type(e) end))
print(xpcall(function() local x = nil; return x.y end, function(m) return "H:" .. m end))
print(xpcall(function() error("x") end, function() return 1, 2, 3 end))
-- 5.1 xpcall does not pass extra arguments to the function
print(xpcall(function(...) return select('#', ...) end, handler, 1, 2))
print(pcall(xpcall, function() end))
