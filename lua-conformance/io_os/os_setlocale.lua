print(os.setlocale())
print(os.setlocale(nil, "numeric"))
print(os.setlocale("C"))
print(os.setlocale("POSIX"))
print(os.setlocale("xx_YY.bogus"))
print(os.setlocale("C", "time"))
print(os.setlocale("POSIX", "collate"))
print(os.setlocale())
print(pcall(os.setlocale, "C", "bogus"))
print(pcall(os.setlocale, {}))
for _, c in ipairs{"all", "collate", "ctype", "monetary", "numeric", "time"} do
  print(c, os.setlocale(nil, c))
end
print(os.date("!%c", 0))
