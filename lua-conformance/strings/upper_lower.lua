-- upper/lower only touch ASCII letters (C locale)
print(string.upper("Hello, World! 123"), string.lower("Hello, World! 123"))
print(("\0aB\255"):upper() == "\0AB\255", ("\0aB\255"):lower() == "\0ab\255")
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
local u, l = s:upper(), s:lower()
local cu, cl = 0, 0
for i = 1, 256 do
  if u:byte(i) ~= s:byte(i) then cu = cu + 1 end
  if l:byte(i) ~= s:byte(i) then cl = cl + 1 end
end
print(cu, cl, u:sub(98, 123), l:sub(66, 91))
print(string.upper(12), string.lower(1e100))
print(pcall(string.upper))
