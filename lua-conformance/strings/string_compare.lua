-- byte-wise comparison of strings (strcoll in the C locale)
local t = { "b", "a", "ab", "", "B", "a\0b", "a\0a", "Z", "z", "aa", "\255", "\1" }
table.sort(t)
local out = {}
for i, s in ipairs(t) do out[i] = string.format("%q", s) end
print(table.concat(out, " "))
print("a" < "b", "a" < "a\0", "a\0" < "a\1", "abc" < "abd", "Z" < "a", "" < "\0")
print("10" < "9", "a" <= "a", "b" >= "a")
