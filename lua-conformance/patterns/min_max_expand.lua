-- '*' versus '-' in the same position
local s = "<<a>><<b>>"
print(s:match("<<(.*)>>"), s:match("<<(.-)>>"))
print(s:gsub("<<(.-)>>", "[%1]"))
print(s:gsub("<<(.*)>>", "[%1]"))
print(("aXbXc"):match("^(.-)X"), ("aXbXc"):match("^(.*)X"))
print(("path/to/file.txt"):match("^(.*)/([^/]*)$"))
print(("file.tar.gz"):match("^(.-)%.(.*)$"))
print(("file.tar.gz"):match("^(.*)%.(.-)$"))
