local t = {}
print("indexing nil next")
print(t.a.b)
