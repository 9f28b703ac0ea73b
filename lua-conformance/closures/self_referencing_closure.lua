local obj = {}
obj.value = 5
obj.get = function() return obj.value end
print(obj.get())
local alias = obj
obj = {value = "new"}
print(alias.get())
local counter = setmetatable({n = 0}, {__call = function(self) self.n = self.n + 1 return self.n end})
print(counter(), counter(), counter.n)
