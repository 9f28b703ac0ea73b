local a1, a2, a3, a4, a5, a6, a7, a8, a9, a10 = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
local b1, b2, b3, b4, b5, b6, b7, b8, b9, b10 = 11, 12, 13, 14, 15, 16, 17, 18, 19, 20
local c1, c2, c3, c4, c5, c6, c7, c8, c9, c10 = 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
local function sum()
  return a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 +
         b1 + b2 + b3 + b4 + b5 + b6 + b7 + b8 + b9 + b10 +
         c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10
end
print(sum())
local function bump() a1 = a1 + 100; c10 = c10 + 1000 end
bump()
print(sum(), a1, c10)
