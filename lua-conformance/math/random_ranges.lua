-- random(m) and random(m, n) stay in range and cover it
math.randomseed(123)
local seen, lo, hi = {}, 1e9, -1e9
for i = 1, 2000 do
  local r = math.random(-3, 3)
  seen[r] = (seen[r] or 0) + 1
  lo = math.min(lo, r); hi = math.max(hi, r)
end
print(lo, hi, seen[-3], seen[0], seen[3])
local c = 0
for i = 1, 1000 do if math.random(6) == 6 then c = c + 1 end end
print(c)
