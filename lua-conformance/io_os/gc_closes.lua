-- unreferenced files are closed (and flushed) by the collector
local name = os.tmpname()
do
  local f = assert(io.open(name, "w"))
  f:write("flushed by __gc")
end
collectgarbage()
collectgarbage()
local r = assert(io.open(name))
print(r:read("*a"))
r:close()
-- lines opened by io.lines are closed when the loop ends
for l in io.lines(name) do print(l) end
print(os.remove(name))
-- a file left open at exit is flushed by lua_close
local g = assert(io.open(name, "w"))
g:write("x")
print(io.type(g))
os.remove(name)
