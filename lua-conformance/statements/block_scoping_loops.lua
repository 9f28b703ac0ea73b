local x = 1
for x = 10, 11 do print("loop x", x) end
print("after", x)
local i = "outer i"
for i, v in ipairs({"a"}) do print(i, v) end
print(i)
while true do local x = "while local"; print(x); break end
print(x)
