-- hex formatting of byte values and ids
local t = {}
for _, v in ipairs({ 0, 1, 15, 16, 255, 256, 65535, 2^32 - 1, 2^32, 2^48 }) do
  t[#t + 1] = string.format("%x/%X/%08x/%#x/%-6x|", v, v, v, v, v)
end
print(table.concat(t, "\n"))
