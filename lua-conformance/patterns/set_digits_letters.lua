-- sets of ranges used for identifiers and numbers
local ids = { "abc", "_x1", "9lives", "a-b", "", "x_", "__" }
for _, id in ipairs(ids) do
  print(string.format("%q", id), id:match("^[%a_][%w_]*$") ~= nil, id:match("^[_a-zA-Z][_a-zA-Z0-9]*$") ~= nil)
end
