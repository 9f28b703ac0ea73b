-- cjson.decode of a ~100 KB array of 12000 numbers and strings (JSON made once), N times. Runs under
-- `redlua --redis-libs` and inside Redis (EVAL/EVALSHA); returns a checksum.
local N = 500
local function make_array()
  local a = {}
  for i = 1, 12000 do
    local m = i % 3
    if m == 0 then a[i] = "item-" .. i elseif m == 1 then a[i] = i * 7 else a[i] = i + 0.25 end
  end
  return a
end
local value = make_array()
local text = cjson.encode(value)
local total = 0
for _ = 1, N do
  local t = cjson.decode(text)
  total = total + (t.priority or #t)
end
return total
