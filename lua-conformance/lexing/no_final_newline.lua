print("no trailing newline")
print(1)