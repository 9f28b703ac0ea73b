-- Rehash points, array sizing (computesizes), deletions and reinsertion.
local function show(t) local r = {} for k in pairs(t) do r[#r+1] = tostring(k) end print(#t, table.concat(r, ' ')) end
local t = {}
for i = 1, 9 do t[i * 2] = true show(t) end
local u = {}
for i = 1, 12 do u[("s%02d"):format(i)] = i end
show(u)
for i = 1, 12, 3 do u[("s%02d"):format(i)] = nil end
show(u)
u.new1, u.new2 = 1, 2
show(u)
collectgarbage()
u.new3 = 3
show(u)
local v = {}
v[1], v[2], v[3], v[5], v[6] = 1, 2, 3, 5, 6
show(v)
v[4] = 4
show(v)
v[100], v[200] = 1, 2
show(v)
local w = {}
for i = 1, 8 do w[i] = i end
for i = 1, 8 do w[i] = nil end
w.x = 1
show(w)
local x = {}
x[1.5], x[-3], x[0], x[1e10], x[2^53], x[true] = 1, 2, 3, 4, 5, 6
show(x)
x.nil_valued = nil
x.k = 1
show(x)
