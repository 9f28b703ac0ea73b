-- a table of sub(i, j) over many index pairs
local s = "abcd"
local rows = {}
for i = -6, 6 do
  local row = {}
  for j = -6, 6 do row[#row + 1] = "[" .. s:sub(i, j) .. "]" end
  rows[#rows + 1] = i .. ": " .. table.concat(row)
end
print(table.concat(rows, "\n"))
