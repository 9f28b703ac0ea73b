print(next({}))
local t = {"only"}
print(next(t))
print(next(t, 1))
local h = {x = 1}
print(next(h))
print(next(h, "x"))
print(pcall(next, h, "zzz"))
print(pcall(next))
print(pcall(next, nil))
local count, k = 0, nil
local tt = {1, 2, 3, a = 1, b = 2}
repeat k = next(tt, k); if k ~= nil then count = count + 1 end until k == nil
print(count)
