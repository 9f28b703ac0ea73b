-- A word count printed in pairs order, as scripts often build replies.
local text = [[
Redis scripts count words parse arguments and build reply tables; the order
in which pairs visits the keys of such tables ends up in client replies, so it
must be the order of Lua 5.1 itself for every key the script inserted
]]
local counts = {}
for w in text:gmatch("%a+") do
  w = w:lower()
  counts[w] = (counts[w] or 0) + 1
end
local out = {}
for w, n in pairs(counts) do out[#out + 1] = w .. ":" .. n end
print(table.concat(out, " "))
local inverse = {}
for w, n in pairs(counts) do inverse[n] = inverse[n] or {} table.insert(inverse[n], w) end
for n, ws in pairs(inverse) do print(n, #ws, ws[1]) end
