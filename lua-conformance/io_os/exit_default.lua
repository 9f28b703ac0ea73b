print("before")
os.exit()
print("never")
