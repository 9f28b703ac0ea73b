-- '-' is lazy
print(("<a><b>"):match("<.->"), ("aaab"):match("a-b"), ("aaa"):match("a-"))
print(("/*x*/y/*z*/"):gsub("/%*.-%*/", ""))
print(("abc"):match("^(.-)c"), ("abc"):match("(.-)$"), ("abc"):match("a-"))
print(("xay"):find(".-y"), ("key = value"):match("^(.-)%s*=%s*(.-)$"))
