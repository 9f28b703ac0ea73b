-- cmsgpack.unpack of a ~100 KB array of 12000 numbers and strings (msgpack made once), N times. Runs under
-- `redlua --redis-libs` and inside Redis (EVAL/EVALSHA); returns a checksum.
local N = 1000
local function make_array()
  local a = {}
  for i = 1, 12000 do
    local m = i % 3
    if m == 0 then a[i] = "item-" .. i elseif m == 1 then a[i] = i * 7 else a[i] = i + 0.25 end
  end
  return a
end
local value = make_array()
local bytes = cmsgpack.pack(value)
local total = 0
for _ = 1, N do
  local t = cmsgpack.unpack(bytes)
  total = total + (t.priority or #t)
end
return total
