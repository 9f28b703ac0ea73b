local log = {}
local function rec(...) log[#log + 1] = select('#', ...) return 1, 2 end
rec()
rec "s"
rec {1}
rec(1, 2, 3)
print(table.concat(log, " "))
local o = {v = 0}
function o:inc(n) self.v = self.v + (n or 1) return self end
o:inc():inc(5):inc()
print(o.v)
;(print)("parenthesized call statement")
