-- comparator calls for strings, sorted descending
local t = {}
for w in ("pear fig apple kiwi banana cherry date grape"):gmatch("%a+") do t[#t + 1] = w end
local calls = {}
table.sort(t, function(a, b) calls[#calls + 1] = a:sub(1, 1) .. b:sub(1, 1); return a > b end)
print(table.concat(t, " "))
print(#calls, table.concat(calls, " "))
