local mt = {}
mt.__lt = function(a, b) return a.v < b.v end
mt.__le = function(a, b) return a.v <= b.v end
local function N(v) return setmetatable({v = v}, mt) end
local one, two = N(1), N(2)
print(one < two, one > two, one <= two, one >= two, one <= N(1), two >= N(3))
-- __le falls back to not (b < a) when there is no __le
local mt2 = {__lt = function(a, b) return a.v < b.v end}
local function M(v) return setmetatable({v = v}, mt2) end
print(M(1) <= M(2), M(2) <= M(1), M(1) <= M(1), M(3) >= M(2))
-- results are converted to booleans
local mt3 = {__lt = function() return "yes" end, __le = function() return nil end}
local p, q = setmetatable({}, mt3), setmetatable({}, mt3)
print(p < q, p <= q)
