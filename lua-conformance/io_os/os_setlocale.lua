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
-- the C locale's UTF-8 variant (built into glibc) only changes the charset
for _, n in ipairs{"C.UTF-8", "C.utf8", "C.UTF-8@euro", "C.ascii", "en_US", "C."} do
  print(n, os.setlocale(n), os.setlocale(n, "time"), os.setlocale())
end
print(os.setlocale("C"), os.setlocale())
print(os.date("!%c", 0))
