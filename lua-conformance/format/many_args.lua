-- many arguments, mixed conversions, extra arguments ignored
print(string.format("%d %s %5.2f %x %q %g %c %e", 1, "two", 3.14159, 255, "q", 1e20, 65, 12))
print(string.format("%s", "a", "b", "c"))
local t = {}
for i = 1, 40 do t[i] = i end
print(string.format(string.rep("%d,", 40), unpack(t)))
print(select("#", string.format("%s", 1)))
