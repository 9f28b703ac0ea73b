-- print writes each string as C's fputs does: up to its first NUL byte.
print("a\0b", "c")
print("\0", 1, "x\0\0y")
io.write("io.write keeps \0 bytes\n")
print(#("a\0b"))
