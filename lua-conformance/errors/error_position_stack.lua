local function a() error("from a", 2) end
local function b()
  a()
end
local function c()
  b()
end
print(pcall(c))
local function thrower(msg, level) error(msg, level) end
print(pcall(thrower, "lvl1", 1))
print(pcall(function()
  thrower("lvl2", 2)
end))
print(pcall(function()
  thrower("lvl3", 3)
end))
