-- math.random after randomseed: glibc rand() scaled as 5.1 does
math.randomseed(42)
local first = math.random(100)
math.randomseed(42)
local t = {}
for i = 1, 10 do t[i] = math.random(100) end
print(table.concat(t, " "))
for i = 1, 10 do t[i] = math.random(-5, 5) end
print(table.concat(t, " "))
for i = 1, 5 do t[i] = string.format("%.10f", math.random()) end
print(table.concat(t, " ", 1, 5))
math.randomseed(42)
print(math.random(100) == first, math.random(1, 1))
