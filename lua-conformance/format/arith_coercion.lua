-- strings in arithmetic are converted with tonumber's rules
print("10" + 1, "0x10" + 0, "1e2" * 1, " 5 " - 1, "-3" % 2, "2" ^ "3")
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return "1e" + 1 end))
print(10 .. "", "5" * "5", -"2", - "-2")
