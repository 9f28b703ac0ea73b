-- lines() reports C's errno, which may come from an earlier failure: here
-- the error flag comes from a write on a read-only file, the message from
-- a failed seek (the end-of-file flag spares the read any errno of its own).
local name = os.tmpname()
local w = assert(io.open(name, "w"))
w:write("one\ntwo\n")
w:close()
local f = assert(io.open(name))
print(#f:read("*a"))
print(f:write("x"))
print(f:seek("set", -1))
print(pcall(function() for l in f:lines() do print(l) end end))
print(f:read("*l"))
print(f:seek("set", 0))
for l in f:lines() do print(l) end
f:close()
os.remove(name)
