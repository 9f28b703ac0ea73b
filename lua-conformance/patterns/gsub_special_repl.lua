-- replacement strings with unusual % sequences
print(("abc"):gsub("b", "%a"))
print(("abc"):gsub("b", "%%1"))
print(("abc"):gsub("(b)", "%1%1%1"))
print(("abc"):gsub("b", "%0%0"))
print(pcall(string.gsub, "abc", "b", "%1"))
print(pcall(string.gsub, "abc", "(b)", "%2"))
print(("abc"):gsub("()b()", "%2%1"))
print(("a.b"):gsub("%.", "%%%%"))
