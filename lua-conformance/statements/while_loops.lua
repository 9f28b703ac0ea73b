local i, sum = 1, 0
while i <= 100 do sum = sum + i; i = i + 1 end
print(sum, i)
local n = 0
while true do
  n = n + 1
  if n >= 7 then break end
end
print(n)
while false do print("never") end
local t = {3, 1, 4, 1, 5}
local k = 1
while t[k] do k = k + 1 end
print(k - 1)
