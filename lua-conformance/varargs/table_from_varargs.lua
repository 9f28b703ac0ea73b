local function pack(...) return {n = select('#', ...), ...} end
local p = pack(1, nil, 3, nil)
print(p.n, p[1], p[2], p[3], p[4])
local q = pack()
print(q.n, q[1])
local function sum(...)
  local s = 0
  for i = 1, select('#', ...) do s = s + (select(i, ...) or 0) end
  return s
end
print(sum(1, 2, nil, 4), sum())
print(unpack(p, 1, p.n))
