-- string.byte over many index pairs: count and sum of results
local s = "abcd"
for i = -6, 6, 2 do
  local row = {}
  for j = -6, 6 do
    local t = { s:byte(i, j) }
    local sum = 0
    for _, b in ipairs(t) do sum = sum + b end
    row[#row + 1] = #t .. "/" .. sum
  end
  print(i, table.concat(row, " "))
end
