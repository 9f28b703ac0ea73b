-- anchored gsub replaces at most once at the start
print(("aaa"):gsub("^a", "x"))
print(("aaa"):gsub("^a*", "x"))
print(("baa"):gsub("^a", "x"))
print(("aaa"):gsub("^", "x"))
print((""):gsub("^", "x"))
print(("abc"):gsub("^(.)", "%1%1"))
print(("  trim  "):gsub("^%s+", ""))
