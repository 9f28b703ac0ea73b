local weak = setmetatable({}, {__mode = "v"})
global_obj = {}
weak.g = global_obj
registry_like = {inner = {}}
weak.inner = registry_like.inner
collectgarbage()
print(weak.g == global_obj, weak.inner ~= nil)
global_obj = nil
registry_like = nil
collectgarbage()
print(weak.g, weak.inner)
