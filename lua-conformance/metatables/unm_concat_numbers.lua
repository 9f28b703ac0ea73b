local mt = {
  __unm = function(a) return "neg:" .. a.v end,
  __concat = function(a, b)
    local x = type(a) == "table" and a.v or a
    local y = type(b) == "table" and b.v or b
    return x .. "+" .. y
  end,
}
local o = setmetatable({v = "o"}, mt)
print(-o, o .. 1, 1 .. o, o .. o)
print(1 .. 2 .. o)
print(o .. 1 .. 2)
