-- chained string methods
local s = "  Hello, World  "
print(s:gsub("^%s+", ""):gsub("%s+$", ""):upper())
print((s:gsub("%s", "")):lower():reverse():sub(2, -2):rep(2, "x"))
print(("%d"):rep(3):format(1, 2, 3))
