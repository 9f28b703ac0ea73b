-- the subject may contain NUL bytes
local s = "a\0b\0c"
print(#s, s:find("b"), s:find("c"), s:match(".%z.") == "a\0b")
print((s:gsub("%Z", "x")) == "x\0x\0x", (s:gsub(".", "-")))
local n = 0
for _ in s:gmatch("%z") do n = n + 1 end
print(n, s:find("%w", 3), s:match("[^%z]+$"))
