local parts = {"return ", "1 ", "+ ", "41"}
local i = 0
local f = load(function() i = i + 1 return parts[i] end)
print(f())
-- pieces may split tokens anywhere
local src = "local x = 'hello'; return x .. ' world', 12345"
local pos = 0
local g = load(function()
  pos = pos + 1
  if pos <= #src then return src:sub(pos, pos) end
end)
print(g())
-- an empty string also ends the chunk
local calls = 0
local h = load(function() calls = calls + 1 if calls == 1 then return "return 'first'" end return "" end)
print(h(), calls)
print(load(function() return nil end) ~= nil)
-- errors raised by the reader are returned by load (run under pcall so that no
-- message handler of the standalone interpreter is active)
print(pcall(function() return load(function() return {} end) end))
print(pcall(function() return load(function() error("reader failed") end) end))
local ok, fn, e = pcall(function() return load(function() error({}) end) end)
print(ok, fn, type(e))
