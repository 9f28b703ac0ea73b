local log = {}
local function tag(name)
  return setmetatable({name = name}, {
    __add = function(x, y) return "add(" .. tostring(type(x) == "table" and x.name or x) .. "," .. tostring(type(y) == "table" and y.name or y) .. ")" end,
  })
end
local p, q = tag("p"), tag("q")
print(p + q, q + p, p + 1, 1 + p, "s" + p)
-- the left operand's metamethod is tried first, then the right one's
local left = setmetatable({}, {__sub = function() return "left" end})
local right = setmetatable({}, {__sub = function() return "right" end})
print(left - right, right - left, 5 - right, left - 5)
local plain = {}
print(pcall(function() return plain + 1 end))
