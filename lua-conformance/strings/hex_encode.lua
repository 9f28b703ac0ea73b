-- hex encoding and decoding with gsub
local function tohex(s) return (s:gsub(".", function(c) return string.format("%02X", c:byte()) end)) end
local function fromhex(h) return (h:gsub("%x%x", function(x) return string.char(tonumber(x, 16)) end)) end
local s = "Lua\0\255\n5.1"
local h = tohex(s)
print(h, fromhex(h) == s, #fromhex(h))
print(fromhex("48656c6c6f"), tohex(""))
