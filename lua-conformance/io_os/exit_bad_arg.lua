print(pcall(os.exit, "x"))
print(pcall(os.exit, true))
os.exit(1.9)
