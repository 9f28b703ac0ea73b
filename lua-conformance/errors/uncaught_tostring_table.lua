-- the standalone interpreter does not call __tostring on error objects in 5.1
error(setmetatable({}, {__tostring = function() return "pretty" end}))
