-- organ-pipe and sawtooth inputs (quicksort worst cases) with counts
local function run(name, t)
  local c = 0
  table.sort(t, function(a, b) c = c + 1; return a < b end)
  local ok = true
  for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
  print(name, #t, ok, c)
end
local a, b, c = {}, {}, {}
for i = 1, 2000 do
  a[i] = i <= 1000 and i or 2001 - i
  b[i] = i % 37
  c[i] = (i * 7919) % 2000
end
run("organ", a); run("saw", b); run("perm", c)
