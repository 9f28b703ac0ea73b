-- numbers in table.concat use %.14g
print(table.concat({ 0.1, 1/3, 1e15, 1e16, 2^53, -0.0, 1e-5, 100 }, " "))
local z = 0
print(table.concat({ -z, 1/0, -1/0 }, " "))
print(table.concat({ 1, 2, 3 }, 0))
