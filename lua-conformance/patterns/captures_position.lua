-- position captures ()
print(("hello"):match("()ll()"))
print(("hello"):match("()"), ("hello"):match(".()"), ("hello"):match("()$"))
print(("aXbXc"):gsub("()X", "%1"))
print(("abc"):find("()(b)()"))
local t = {}
for p in ("a,b,,c"):gmatch("(),") do t[#t + 1] = p end
print(table.concat(t, " "))
print(type(("x"):match("()")), math.type)
