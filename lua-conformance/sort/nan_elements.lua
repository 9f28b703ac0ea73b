-- NaN elements: every comparison with them is false; the result is 5.1's
local nan = 0/0
local t = { 5, nan, 3, 9, nan, 1, 7, 2, nan, 8, 4, 6 }
table.sort(t)
local r = {}
for i, v in ipairs(t) do r[i] = v ~= v and "nan" or tostring(v) end
print(table.concat(r, " "))
local u = {}
for i = 1, 50 do u[i] = (i % 5 == 0) and nan or (i * 37) % 23 end
table.sort(u)
for i, v in ipairs(u) do r[i] = v ~= v and "N" or tostring(v) end
print(table.concat(r, " ", 1, 50))
