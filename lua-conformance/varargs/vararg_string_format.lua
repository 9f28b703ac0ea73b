local function fmt(...) return string.format(...) end
print(fmt("%d %s %5.1f", 3, "x", 2.3))
print(fmt("%s|%s", "a", "b"))
local function log(level, ...)
  return level .. ": " .. string.format(...)
end
print(log("INFO", "%d items", 12))
print(pcall(fmt, "%d"))
