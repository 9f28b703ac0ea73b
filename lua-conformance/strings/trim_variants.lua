-- common trim idioms
local s = " \t  hello world \n "
print("[" .. s:match("^%s*(.-)%s*$") .. "]")
print("[" .. (s:gsub("^%s+", "")) .. "]")
print("[" .. (s:gsub("%s+$", "")) .. "]")
print("[" .. (s:gsub("^%s*(.-)%s*$", "%1")) .. "]")
print("[" .. ((""):match("^%s*(.-)%s*$")) .. "]", "[" .. (("   "):match("^%s*(.-)%s*$")) .. "]")
