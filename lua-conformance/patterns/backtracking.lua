-- patterns that backtrack a lot but finish
local s = string.rep("a", 25)
print(s:find("a*a*a*b"), s:find("a-a-a-$"), s:match("^(a*)(a*)$") == s)
print(("ab"):rep(20):find("(.-)b%1"), ("aaa"):match("(a-)(a-)$"))
print(("x"):rep(30):match("^(x-)x*$") == "", ("xy"):rep(10):find("(xy)*$"))
