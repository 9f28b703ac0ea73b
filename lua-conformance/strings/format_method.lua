-- building strings with format, rep and concatenation together
local rows = {}
for i = 1, 5 do
  rows[#rows + 1] = ("%-6s|%5.2f|%3d%%|%s"):format("r" .. i, i / 3, i * 20, ("*"):rep(i))
end
print(table.concat(rows, "\n"))
