-- tostring, .., %s, concat and print agree on numbers
local vals = { 0.1, 1e15, 1e16, -0.5, 2^53, 1/3, 100, 1e-300 }
for _, v in ipairs(vals) do
  local a, b, c, d = tostring(v), v .. "", string.format("%s", v), table.concat({ v })
  print(a, a == b and b == c and c == d, string.format("%.14g", v) == a)
end
