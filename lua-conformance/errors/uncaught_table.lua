-- a non-string error object reaching the top level
print("about to throw a table")
error({code = 1})
