-- every evaluation of a function expression creates a new closure in 5.1
local function mk() return function() end end
print(mk() == mk())
local fs = {}
for i = 1, 2 do fs[i] = function() return 1 end end
print(fs[1] == fs[2])
local f = mk()
print(f == f)
local t = {}
t[mk()] = 1
t[mk()] = 2
local n = 0
for _ in pairs(t) do n = n + 1 end
print(n)
