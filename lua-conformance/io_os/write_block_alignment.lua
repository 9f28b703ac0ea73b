-- Output continues the read block's alignment: what another handle sees
-- before a flush (4096-byte blocks, st_blksize of /tmp).
local name = os.tmpname()
local f = assert(io.open(name, "w+"))
f:write(string.rep("a", 8064))
f:flush()
local function peek()
  local g = assert(io.open(name))
  local n = #g:read("*a")
  g:close()
  return n
end
print(f:seek("set", 8060), f:read(0))
f:write(string.rep("b", 200))
print(peek())
f:seek("set", 100)
f:write(string.rep("c", 5000))
print(peek())
f:close()
print(peek())
local g = assert(io.open(name))
print(g:read(3), g:seek("set", 8100), g:read(2), g:seek("cur"))
g:close()
os.remove(name)
