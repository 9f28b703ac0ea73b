-- counting occurrences with gsub and gmatch agree
local text = string.rep("one fish two fish red fish blue fish ", 50)
local _, a = text:gsub("fish", "")
local b = 0
for _ in text:gmatch("fish") do b = b + 1 end
local _, c = text:gsub("%f[%w]%w+", "")
print(a, b, c, select(2, text:gsub("%s", "")))
