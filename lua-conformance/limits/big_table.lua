local t = {}
for i = 1, 200000 do t[i] = i * 2 end
print(#t, t[200000])
local sum = 0
for i = 1, #t do sum = sum + t[i] end
print(sum)
local h = {}
for i = 1, 50000 do h["k" .. i] = i end
local n = 0
for _ in pairs(h) do n = n + 1 end
print(n, h.k12345)
for i = 1, 50000, 2 do h["k" .. i] = nil end
n = 0
for _ in pairs(h) do n = n + 1 end
print(n)
