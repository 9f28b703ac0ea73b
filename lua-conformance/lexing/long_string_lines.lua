local s = [[
a
b

c]]
local n = 0
for i = 1, #s do if string.sub(s, i, i) == "\n" then n = n + 1 end end
print(#s, n)
print(s)
local t = [==[
]==]
print(#t)
local u = [[

]]
print(#u, string.byte(u))
