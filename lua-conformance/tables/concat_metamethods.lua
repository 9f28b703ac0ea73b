-- table.concat uses raw access: __index is not consulted
local t = setmetatable({ "a" }, { __index = function(_, i) return "z" .. i end })
print(table.concat(t, ","))
print(pcall(table.concat, t, ",", 1, 2))
local u = setmetatable({}, { __len = function() return 5 end })
u[1] = "x"
print(table.concat(u, ","))
