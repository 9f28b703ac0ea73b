print(os.difftime(10, 3), os.difftime(3, 10), os.difftime(5))
print(os.difftime(1.9, 0.5), os.difftime(-1.5, 0))
print(os.difftime(2^53 + 1, 0))
print(pcall(os.difftime))
print(pcall(os.difftime, "x"))
print(os.difftime("10", "4"))
local c = os.clock()
print(type(c), c >= 0)
local x = 0
for i = 1, 200000 do x = x + i end
print(os.clock() >= c)
local t1 = os.time()
print(os.difftime(os.time(), t1) >= 0)
