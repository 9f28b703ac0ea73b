-- string.match with captures on 1 KB lines and on a 1 MB subject.
local seed = 777
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n end
local lines = {}
for i = 1, 1000 do
  lines[i] = string.format("user:%d:field%d = %d.%02d ; ts=%d", rnd(100000), rnd(50), rnd(1000), rnd(100), 1600000000 + rnd(1e6))
end
local acc = 0
for r = 1, 300 do
  for i = 1, #lines do
    local l = lines[i]
    local id, f, v = l:match("^user:(%d+):(%w+) = ([%d%.]+)")
    acc = acc + #id + #f + tonumber(v)
    local ts = l:match("ts=(%d+)$")
    acc = acc + #ts
    if l:match("^%s*$") then acc = acc + 1 end
  end
end
local big = table.concat(lines, "\n"):rep(12)
for i = 1, 60 do
  acc = acc + #big:match("^(.-)$") + #(big:match("ts=(1600999%d+)") or "")
end
print("lib_match", string.format("%.2f", acc))
