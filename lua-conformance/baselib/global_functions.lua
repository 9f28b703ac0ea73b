-- base functions that exist in 5.1
local names = {"assert", "collectgarbage", "dofile", "error", "getfenv", "getmetatable", "ipairs",
  "load", "loadfile", "loadstring", "module", "next", "pairs", "pcall", "print", "rawequal",
  "rawget", "rawset", "require", "select", "setfenv", "setmetatable", "tonumber", "tostring",
  "type", "unpack", "xpcall", "gcinfo", "newproxy"}
for _, n in ipairs(names) do print(n, type(_G[n])) end
-- and some that do not
for _, n in ipairs({"rawlen", "bit32", "utf8", "goto", "table.pack", "loadstring52"}) do print(n, _G[n]) end
print(type(table.unpack), type(table.pack), type(math.type), type(string.pack))
