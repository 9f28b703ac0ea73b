local weak = setmetatable({}, {__mode = "v"})
local function check()
  local local_ref = {}
  weak.x = local_ref
  collectgarbage()
  return weak.x == local_ref
end
print(check())
collectgarbage()
print(weak.x)
local up = {}
weak.y = up
local function uses() return up end
collectgarbage()
print(weak.y == uses())
