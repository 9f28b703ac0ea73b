a = 1 b = 2 c = a + b print(a, b, c)
local x = 1 local y = x + 1 print(x, y)
do local z = 5 print(z) end print(z)
if a then print("a") end if b then print("b") end
for i = 1, 2 do print(i) end while false do end repeat until true
local function f() return 1 end print(f())
