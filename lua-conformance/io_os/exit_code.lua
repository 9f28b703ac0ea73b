io.write("buffered without newline")
os.exit(3)
print("never")
