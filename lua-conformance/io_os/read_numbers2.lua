local name = os.tmpname()
local function try(s)
  local f = assert(io.open(name, "w"))
  f:write(s)
  f:close()
  f = assert(io.open(name))
  local a, b = f:read("*n", "*n")
  local rest = f:read("*a")
  f:close()
  print(string.format("%-14q", s), a, b, string.format("%q", rest))
end
for _, s in ipairs{"0x.", "0xp1", "0x1P-2z", "0X1e", "1e+5e", "- 1", "+ inf", "-nan",
    "i", "in", "n", "na", "INFINITY", "InFiNiTy3", "1 2", "1\n2", "1x2", "0e0", "0e",
    "1.5e+", "12.e3", "1..2", "0x1.8p1", "0xAbC", "99999999999999999999",
    "0.1", "123456789012345678", "5e-324", "2e-400", "1p3", "\0" .. "1", "1\0" .. "2"} do
  try(s)
end
os.remove(name)
