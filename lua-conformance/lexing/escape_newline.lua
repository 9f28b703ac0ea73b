-- a backslash followed by a real newline puts a newline in the string
local s = "one\
two"
print(s)
print(#s, string.byte(s, 4))
local t = 'a\
\
b'
print(#t)
