-- stateless iterator
local function iter(s, i)
  i = i + 1
  if i <= s then return i, i * i end
end
for i, sq in iter, 4, 0 do print(i, sq) end
-- closure iterator
local function range(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i end end
end
local r = {}
for v in range(5) do r[#r + 1] = v end
print(table.concat(r, ","))
-- iteration stops at the first nil in the first variable only
local seq = {{1, nil}, {false, 2}, {nil, 3}}
local idx = 0
local function it() idx = idx + 1; local p = seq[idx]; if p then return p[1], p[2] end end
for a, b in it do print(a, b) end
-- the control state passed to the iterator
for a, b, c in function(s, c) if c < 3 then return c + 1, s, "x" end end, "S", 0 do print(a, b, c) end
