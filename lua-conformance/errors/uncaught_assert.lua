local n = 10
assert(n > 5, "n is big enough")
print("first assert passed")
assert(n < 5)
