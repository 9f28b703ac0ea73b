-- url decoding and query parsing
local function unescape(s)
  s = s:gsub("+", " ")
  return (s:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end))
end
local q = "name=John+Doe&city=New%20York&empty=&x=%41%42"
local keys, vals = {}, {}
for k, v in q:gmatch("([^&=]+)=([^&]*)") do keys[#keys + 1] = k; vals[k] = unescape(v) end
for _, k in ipairs(keys) do print(k, "[" .. vals[k] .. "]") end
