-- frontier at the ends of the subject: outside is '\0'
print(("abc"):find("%f[%z]"), ("abc"):find("%f[%Z]"))
print(("abc"):find("%f[^%z]"), ("abc"):find("%f[%a]$"), ("abc"):find("%f[%A]$"))
print((""):find("%f[%z]"), (""):find("%f[%Z]"), (""):find("%f[^a]"))
print(("word"):gsub("%f[%w]", "["), ("word"):gsub("%f[%W]", "]"))
print(("a\0b"):find("%f[%z]"), ("a\0b"):find("%f[^%z]", 2))
