-- comparison never coerces strings to numbers
print(pcall(function() return 1 < "2" end))
print(pcall(function() return "1" < 2 end))
print("10" < "2", 10 < 2)
print(pcall(function() return {} < {} end))
print(pcall(function() return nil < 1 end))
print(pcall(function() return true <= false end))
print(pcall(function() return "a" >= 1 end))
print(pcall(function() return print < print end))
