-- a number error value is converted to a string and gets position information
print("throwing a number")
error(42)
