print("output first")
error("no position information", 0)
