print()
print(nil)
print(nil, nil)
print(1, "two", 3.5, true, false, nil)
print("", "")
print("tab\tinside", "x")
print(("multi\nline"))
local zero = 0
print(1e300 * 1e300, -zero)
