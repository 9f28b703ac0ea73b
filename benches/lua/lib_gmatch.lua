-- string.gmatch over a 1 KB and a 1 MB subject: words, key=value pairs, numbers.
local parts = {}
for i = 1, 60 do parts[i] = "k" .. i .. "=v" .. (i * 7) end
local small = table.concat(parts, "&"):sub(1, 1024)
local acc = 0
for r = 1, 8000 do
  for k, v in small:gmatch("(%w+)=(%w+)") do acc = acc + #k + #v end
  for n in small:gmatch("%d+") do acc = acc + 1 end
end
local big = small:rep(1024)
for r = 1, 10 do
  for w in big:gmatch("%a+") do acc = acc + 1 end
  for k, v in big:gmatch("(%w+)=(%w+)") do acc = acc + #v end
end
print("lib_gmatch", acc)
