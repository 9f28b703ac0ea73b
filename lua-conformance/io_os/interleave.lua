-- print and io.write share standard output
io.write("one ")
print("two")
io.write("three\n")
print("four", 5)
io.stdout:write("six ", "seven\n")
io.write("no newline at the end")
