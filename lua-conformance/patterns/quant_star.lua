-- '*' is greedy and backtracks
print(("aaab"):match("a*"), ("aaab"):match("a*b"), ("b"):match("a*b"))
print(("aaa"):match("a*a"), ("aaa"):match("^a*$"), ("xaaa"):match("a*"))
print(("<a><b>"):match("<.*>"), ("abcabc"):match(".*c"), ("abcabc"):match(".*b(.*)"))
print(("abc"):find("x*"), ("abc"):find("b*", 2))
