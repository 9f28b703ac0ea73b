print("a" < "b", "b" < "a", "a" < "ab", "" < "a", "" == "")
print("Z" < "a", "abc" < "abd", "abc" <= "abc", "b" >= "abc")
print("10" < "9", "a\0b" < "a\0c", "a\0" > "a")
print("A" < "a", " " < "!", "\255" > "a")
local words = {"pear", "apple", "Banana", "cherry", "apple2", "apple"}
table.sort(words)
print(table.concat(words, " "))
