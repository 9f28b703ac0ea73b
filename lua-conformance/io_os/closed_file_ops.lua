local name = os.tmpname()
local f = assert(io.open(name, "w"))
print(f:close())
print(pcall(f.close, f))
for _, m in ipairs{"read", "write", "lines", "flush", "seek", "setvbuf"} do
  print(m, pcall(f[m], f, "no"))
end
print(pcall(function() return f:write("x") end))
print(pcall(function() return f:read() end))
print(tostring(f), io.type(f))
print(getmetatable(f).__gc(f))
print(pcall(io.close, f))
os.remove(name)
