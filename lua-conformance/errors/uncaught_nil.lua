-- error(nil) at the top level: no message is printed, but the exit status is 1
print("throwing nil")
error(nil)
