local function level2()
  return getfenv(2).marker
end
local function level1()
  setfenv(1, setmetatable({marker = "L1"}, {__index = _G}))
  local r = level2()
  return r
end
print(level1())
-- after a tail call the caller's frame is gone
local function tail() setfenv(1, {}) return level2() end
print(pcall(tail))
local function changecaller()
  setfenv(2, setmetatable({caller_sees = "yes"}, {__index = _G}))
end
local function caller()
  changecaller()
  return caller_sees
end
print(caller())
print(caller_sees)
local fn = loadstring("return who")
setfenv(fn, {who = "loaded chunk env"})
print(fn())
