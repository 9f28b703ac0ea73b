local function lvl0() error("msg0", 0) end
local function lvl1() error("msg1", 1) end
local function lvl2() error("msg2", 2) end
local function lvl3() error("msg3", 3) end
local function default() error("msgd") end
print(pcall(lvl0))
print(pcall(lvl1))
print(pcall(function()
  lvl2()
end))
print(pcall(function()
  local function mid() lvl3() end
  mid()
end))
print(pcall(default))
print(pcall(lvl2))
print(pcall(error, "direct"))
print(pcall(error, "direct2", 2))
