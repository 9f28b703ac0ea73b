local parts = {}
local s = ""
for i = 1, 10 do s = s .. i end
print(s, #s)
local a, b, c = "x", 2, 3.5
print(a .. b .. c)
print(("-"):rep(5) .. "|" .. ("="):rep(2))
local long = ""
for i = 1, 1000 do long = long .. "ab" end
print(#long, long:sub(1, 6), long:sub(-4))
print("" .. "" == "", #("" .. ""))
