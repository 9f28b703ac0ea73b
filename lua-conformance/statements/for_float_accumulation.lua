-- the loop variable is accumulated by repeated addition of the step
local n, last = 0, nil
for x = 0, 1, 0.1 do n = n + 1; last = x end
print(n, last, last == 1)
n = 0
for x = 0, 0.3, 0.1 do n = n + 1; last = x end
print(n, last)
n = 0
for x = 1, 0, -0.1 do n = n + 1; last = x end
print(n, last)
n = 0
for x = 0.5, 3 do n = n + 1; last = x end
print(n, last)
