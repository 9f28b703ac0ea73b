local name = os.tmpname()
local function try(s)
  local f = assert(io.open(name, "w"))
  f:write(s)
  f:close()
  f = assert(io.open(name))
  local n = f:read("*n")
  local rest = f:read("*a")
  f:close()
  print(string.format("%-12q", s), n, string.format("%q", rest))
end
for _, s in ipairs{"12", "  42  ", "-3.25", "+7", "1e3", "1E+2x", "1e", "1e-", "0x1F",
    "0x", "0xg", "0x1p4", ".5", "5.", ".", "-", "+-1", "abc", "", "  ", "\n\t 8",
    "nan", "NaN", "-inf", "infinity", "infx", "infinx", "nax", "1.2.3", "--5",
    "0", "00012", "1e500", "12abc", "0x.8", "1,5", "3 4"} do
  try(s)
end
os.remove(name)
