-- String building: `..` in loops, table.concat, string.rep, sub/len.
local total = 0
for r = 1, 80 do
  local s = ""
  for i = 1, 1000 do s = s .. "x" .. (i % 10) end
  total = total + #s
end

local parts = {}
for r = 1, 60 do
  local buf = {}
  for i = 1, 10000 do buf[#buf + 1] = "item" .. i end
  local joined = table.concat(buf, ",")
  parts[#parts + 1] = #joined
  total = total + #joined
end

local line = 0
for i = 1, 1000000 do
  local a = "key" .. i .. ":" .. (i * 3)
  line = line + #a
end

local r = string.rep("ab", 100000)
local subs = 0
for i = 1, 1000000 do subs = subs + #r:sub(i, i + 10) end
print("string_build", total, line, subs, parts[#parts])
