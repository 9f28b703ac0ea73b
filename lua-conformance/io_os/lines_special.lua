local name = os.tmpname()
local f = assert(io.open(name, "wb"))
f:write("crlf\r\n", "nul\0inside\n", "\0leading\n", "tail\0", "\n", "last")
f:write("\n", string.rep("L", 9000), "\n", string.rep("M", 8191), "\n", string.rep("N", 8190), "\0z\n")
f:close()
for l in io.lines(name) do
  print(#l, string.format("%q", l:sub(1, 12)))
end
f = assert(io.open(name, "rb"))
print(#f:read("*a"))
f:close()
os.remove(name)
