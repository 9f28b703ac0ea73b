-- io.input/io.output accept numbers as file names (lua_tostring)
local dir = os.tmpname()
os.remove(dir)
local name = "12345_redlua_io_test.tmp"
local f = io.output(12345 .. "_redlua_io_test.tmp")
io.write("numbered")
io.close()
io.output(io.stdout)
for l in io.lines(name) do print(l) end
print(os.remove(name))
print(os.remove(name))
