-- lua_close runs the finalizers of userdata still alive at exit.
local p = newproxy(true)
getmetatable(p).__gc = function() print("finalized at exit") end
local q = newproxy(p)
print("end of script")
