-- %f[set] frontier pattern
print(("THE (quick) fox"):gsub("%f[%a]%a+", "W"))
print(("hello world"):find("%f[%w]%w+", 2))
print(("the cat in the hat"):gsub("%f[%w]the%f[%W]", "THE"))
print(("  x"):find("%f[%S]"), ("abc"):find("%f[%a]"), ("abc"):find("%f[%A]"))
print(("aaa"):find("%f[a]", 2))
print(("x1y22z"):gsub("%f[%d]", "<"))
print(("x1y22z"):gsub("%f[%D]", ">"))
