-- the first values of math.random() after several seeds, 12 digits
for _, s in ipairs({ 1, 7, 100, 65536 }) do
  math.randomseed(s)
  local t = {}
  for i = 1, 4 do t[i] = string.format("%.12f", math.random()) end
  print(s, table.concat(t, " "))
end
