-- string.gsub on a 1 KB and a 1 MB subject: string replacements with and
-- without captures, a table and a function replacement, counting matches.
local parts = {}
for i = 1, 80 do parts[i] = "item" .. i .. " costs " .. (i * 3) .. " EUR;" end
local small = table.concat(parts, " "):sub(1, 1024)
local map = { EUR = "euro", costs = "is" }
local acc = 0
for r = 1, 3000 do
  local a, n1 = small:gsub("EUR", "USD")
  local b, n2 = small:gsub("(%a+)(%d+)", "%2-%1")
  local c, n3 = small:gsub("%s+", " ")
  local _, n4 = small:gsub("%d", "")
  acc = acc + #a + #b + #c + n1 + n2 + n3 + n4
  if r % 10 == 0 then
    local d = small:gsub("%a+", map)
    acc = acc + #d
  end
end
local big = small:rep(1024)
for r = 1, 3 do
  local a, n = big:gsub("costs", "is")
  local b, m = big:gsub("(%d+) EUR", "%1 USD")
  local c = big:gsub("%d+", function(d) return "#" end)
  acc = acc + #a + n + #b + m + #c
end
print("lib_gsub", acc)
