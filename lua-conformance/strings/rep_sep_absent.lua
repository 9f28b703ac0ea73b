-- 5.1's rep has no separator argument: extra arguments are ignored
print(string.rep("ab", 3, ","), string.rep("x", 2, nil), #string.rep("-", 10, "sep"))
