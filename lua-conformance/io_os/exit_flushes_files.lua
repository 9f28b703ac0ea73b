-- C's exit flushes every open FILE but runs no __gc metamethod; the
-- script runs itself (arg[-1] is the interpreter) to observe that.
if arg[1] == "child" then
  local f = assert(io.open(arg[2], "w"))
  f:write("pending data")
  local u = newproxy(true)
  getmetatable(u).__gc = function() print("proxy gc ran") end
  _G.keep = u
  io.write("child output, no newline")
  os.exit(7)
end
local data, out = os.tmpname(), os.tmpname()
local cmd = string.format("%s %s child %s > %s", arg[-1], arg[0], data, out)
print(os.execute(cmd) / 256)
local f = assert(io.open(data))
print(f:read("*a"))
f:close()
f = assert(io.open(out))
print(f:read("*a"))
f:close()
os.remove(data)
os.remove(out)
