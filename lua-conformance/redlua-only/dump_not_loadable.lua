-- redlua-only: string.dump returns a string that starts like a binary chunk
-- ("\27Lua" and the 5.1 version byte), but redlua never loads binary chunks
-- (as Redis refuses them), so loading it fails with a message. lua5.1 would
-- load it, so the .out was written by hand.
local function f(x) return x * 2 end
local d = string.dump(f)
print(type(d), d:sub(2, 4), d:byte(5))
local g, err = loadstring(d)
print(g == nil, type(err))
g, err = loadstring(d, "=dumped")
print(g == nil, type(err))
local done = false
g, err = load(function() if done then return nil end done = true return d end)
print(g == nil, type(err))
print(pcall(string.dump, print))
