-- without os.exit, lua_close runs the pending finalizers at the end
local u = newproxy(true)
getmetatable(u).__gc = function() print("proxy finalized at exit") end
_G.keep = u
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("x")
_G.file = f
os.remove(name)
print("end of script")
