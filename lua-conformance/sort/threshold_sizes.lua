-- default-order sorts of 6 to 10 numbers and strings (every permutation
-- pattern from a fixed generator)
local seed = 5
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n end
for n = 6, 10 do
  for rep = 1, 3 do
    local a, s = {}, {}
    for i = 1, n do a[i] = rnd(5) - 2 + rnd(2) * 0.5; s[i] = string.char(97 + rnd(4)) .. rnd(3) end
    table.sort(a)
    table.sort(s)
    print(n, table.concat(a, " "), table.concat(s, " "))
  end
end
