print('single', "double")
print("it's", 'say "x"')
print("" == '', #"", #'')
print('a' .. "b" .. [[c]])
local s = "mixed 'quotes' and \"escapes\""
print(s, #s)
