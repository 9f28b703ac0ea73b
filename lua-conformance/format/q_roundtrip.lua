-- %q output reads back as the same string for all bytes
local t = {}
for i = 0, 255 do t[#t + 1] = string.char(i) end
local s = table.concat(t)
local q = string.format("%q", s)
print(#q, loadstring("return " .. q)() == s)
print(q:sub(1, 12) == '"\\000\1\2\3\4\5\6\7\8\9\\', q:find("\\r"), q:find("\\\n"))
