-- exactly 32 captures work, 33 fail; position captures count too
local p32 = string.rep("()", 32)
print(select("#", ("x"):match(p32)))
print(pcall(string.match, "x", p32 .. "()"))
print(pcall(string.gsub, "x", p32 .. "(x)", "%1"))
local p = string.rep("(a)", 32)
print(select("#", string.rep("a", 32):find(p)))
