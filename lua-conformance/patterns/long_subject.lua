-- patterns over long subjects
local s = string.rep("abc ", 10000) .. "END"
print(#s, s:find("END"), s:find("END", 1, true), s:find("%u+"))
print(select(2, s:gsub("abc", "")), #(s:gsub("%s", "")))
local n = 0
for w in s:gmatch("%a+") do n = n + 1 end
print(n, s:match("^(.-)E"):len(), s:match(".*()E"))
print(s:find("^[abc ]*END$"))
local big = string.rep("x", 100000)
print(#big:match("x*"), #big:match("x-$"), big:find("y"))
