-- __gc is not called for tables in 5.1
local called = false
do
  local t = setmetatable({}, {__gc = function() called = true end})
end
collectgarbage()
collectgarbage()
print(called)
