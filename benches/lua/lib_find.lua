-- string.find on a 1 KB and a 1 MB subject: plain, with specials, anchored,
-- with captures, and failing searches.
local seed = 4242
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n end
local function text(len)
  local t, n = {}, 0
  local words = { "get", "set", "user", "key", "value", "hash", "list", "expire" }
  while n < len do
    local w = words[rnd(8) + 1] .. ":" .. rnd(100000)
    t[#t + 1] = w; n = n + #w + 1
  end
  return table.concat(t, " "):sub(1, len)
end
local small, big = text(1024), text(1024 * 1024) .. " needle:1"
local acc = 0
for i = 1, 40000 do
  acc = acc + (small:find("expire", 1, true) or 0) + (small:find("zzz", 1, true) or 0)
  acc = acc + (small:find("%d+", i % 900 + 1) or 0) + (small:find("^get") or 0)
  local a, b, c = small:find("(%a+):(%d+)", i % 1000 + 1)
  acc = acc + (a or 0)
end
for i = 1, 30 do
  acc = acc + big:find("needle:1", 1, true) + big:find("needle:%d")
  acc = acc + (big:find("q", 1, true) or 0) + (big:find("[QZ]") or 0)
end
print("lib_find", acc)
