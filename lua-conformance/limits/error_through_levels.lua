local marker = {}
local function dive(n) if n == 0 then error(marker) end dive(n - 1) end
local ok, e = pcall(dive, 150)
print(ok, e == marker)
local function dive2(n) if n == 0 then error("bottom") end return (dive2(n - 1)) end
print(pcall(dive2, 1000))
