-- '+' needs at least one
print(("aaab"):match("a+"), ("b"):match("a+"), ("baaa"):match("a+"))
print(("aaa"):match("a+a"), ("aa"):match("a+aa"), ("123abc"):match("%d+"))
print(("a1b22c333"):gsub("%d+", "#"))
print(("  x  "):match("^%s+()"))
