-- iterating over characters with sub and byte
local s = "Hello"
local r, b = {}, {}
for i = 1, #s do r[#r + 1] = s:sub(i, i); b[#b + 1] = s:byte(i) end
print(table.concat(r, "."), table.concat(b, ","))
for i = #s, 1, -1 do r[#s - i + 1] = s:sub(i, i) end
print(table.concat(r))
print(s:sub(2, -2), s:sub(-3, -1), s:sub(#s + 1) == "")
