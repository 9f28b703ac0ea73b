-- upper-case classes are complements
local s = "aB3 _\n!"
for _, c in ipairs({ "%A", "%C", "%D", "%L", "%P", "%S", "%U", "%W", "%X" }) do
  print(c, (s:gsub(c, "#")))
end
print(("a\0b"):gsub("%Z", "-") == "-\0-", ("a\0b"):find("%z"))
