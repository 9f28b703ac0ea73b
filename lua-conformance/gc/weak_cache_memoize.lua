local cache = setmetatable({}, {__mode = "v"})
local created = 0
local function get(name)
  local v = cache[name]
  if not v then created = created + 1; v = {name = name}; cache[name] = v end
  return v
end
local a = get("a")
local a2 = get("a")
print(a == a2, created)
get("b")
collectgarbage()
get("b")
print(created, get("a") == a)
