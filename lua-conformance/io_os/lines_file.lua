local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("alpha\nbeta\n\ngamma")
f:close()
for l in io.lines(name) do print("[" .. l .. "]") end
local it = io.lines(name)
print(it(), it(), it(), it(), it())
print(pcall(it))
f = assert(io.open(name))
for l in f:lines() do io.write(l, ";") end
print()
print(io.type(f), f:read("*a"), f:read())
for l in f:lines() do print("never", l) end
f:close()
print(pcall(io.lines, "no_such_dir/no_such_file"))
print(pcall(io.lines, {}))
os.remove(name)
