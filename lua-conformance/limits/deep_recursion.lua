local function inf(n) return 1 + inf(n + 1) end
local ok, err = pcall(inf, 1)
print(ok, type(err), string.find(err, "stack overflow", 1, true) ~= nil)
-- the interpreter is usable afterwards
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(1000))
