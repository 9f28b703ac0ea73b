-- Error messages keep every byte: binary text in assert, error, chunk names
-- and syntax errors comes back unchanged.
local ok, e = pcall(assert, false, "bad \255\0 byte")
print(#e, e == "bad \255\0 byte")
print(pcall(error, "\200\201"))
local f, msg = loadstring("x = \255", "=chunk\254name")
print(msg)
f, msg = loadstring("return 1 +", "\250")
print(msg)
print(select(2, pcall(loadstring("error('e\\200')", "@file\233.lua"))))
local g = loadstring("local t = nil; return t.x", "=\192\193")
print(select(2, pcall(g)))
