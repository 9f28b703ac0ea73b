local n = 0
for i = 1, 1e9 do n = n + 1; if n == 5 then break end end
print(n)
local last
for i = 2^52 - 2, 2^52 do last = i end
print(last)
n = 0
for i = 1, math.huge do n = n + 1; if n >= 3 then break end end
print(n)
n = 0
for i = -math.huge, 0 do n = n + 1; break end
print(n)
n = 0
for i = 1, 3, math.huge do n = n + 1 end
print(n)
n = 0
for i = 3, 1 do n = n + 1 end
print(n)
