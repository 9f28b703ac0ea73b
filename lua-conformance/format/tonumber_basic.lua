-- tonumber of decimal strings
local ss = { "0", "10", "-10", "+5", "3.5", ".5", "5.", "1e3", "1E-2", "  12  ", "\t\n12\r",
  "0x10", "0XfF", "-0x10", "1e", "e1", "", " ", "abc", "12abc", "1 2", "0x", "--1", "1..2",
  "inf", "nan", "1e400", "-1e400", "1e-400", "0x1p4", "00012", "1_000" }
for _, s in ipairs(ss) do
  print(string.format("%q", s), tonumber(s))
end
