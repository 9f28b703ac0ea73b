-- goto and labels do not exist in 5.1
local goto = 3
print(goto + 1)
print(loadstring("goto x"))
print(loadstring("::lbl::"))
local t = {goto = "field"}
print(t.goto)
