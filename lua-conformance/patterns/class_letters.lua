-- every character class over all 256 bytes: count and first/last member
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
for _, c in ipairs({ "a", "c", "d", "l", "p", "s", "u", "w", "x", "z" }) do
  for _, cl in ipairs({ "%" .. c, "%" .. c:upper() }) do
    local n, first, last = 0, nil, nil
    for ch in s:gmatch(cl) do
      n = n + 1
      first = first or ch:byte()
      last = ch:byte()
    end
    print(cl, n, first, last)
  end
end
