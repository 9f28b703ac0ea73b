-- these are not tail calls but still fine at moderate depth
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(5000))
local function paren(n) if n == 0 then return "x" end return (paren(n - 1)) end
print(paren(5000))
local function multi(n) if n == 0 then return 1, 2 end return multi(n - 1) end
print(multi(100000))
