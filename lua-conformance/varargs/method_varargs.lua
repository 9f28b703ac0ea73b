local obj = {name = "obj"}
function obj:call(...) return self.name, select('#', ...), ... end
print(obj:call())
print(obj:call(1, nil))
local function forward(o, ...) return o:call(...) end
print(forward(obj, "a", "b"))
local proxy = setmetatable({}, {__call = function(self, ...) return select('#', ...), ... end})
print(proxy(1, 2, nil))
print(proxy())
