-- Method calls through __index: a small class hierarchy with inheritance.
local Shape = {}
Shape.__index = Shape
function Shape.new(name) return setmetatable({name = name, moves = 0}, Shape) end
function Shape:move(dx) self.moves = self.moves + dx; return self end
function Shape:area() return 0 end
function Shape:describe() return self:area() + self.moves end

local Rect = setmetatable({}, {__index = Shape})
Rect.__index = Rect
function Rect.new(w, h)
  local o = Shape.new("rect")
  o.w, o.h = w, h
  return setmetatable(o, Rect)
end
function Rect:area() return self.w * self.h end

local Square = setmetatable({}, {__index = Rect})
Square.__index = Square
function Square.new(s)
  local o = Rect.new(s, s)
  o.name = "square"
  return setmetatable(o, Square)
end
function Square:side() return self.w end

local Circle = setmetatable({}, {__index = Shape})
Circle.__index = Circle
function Circle.new(r)
  local o = Shape.new("circle")
  o.r = r
  return setmetatable(o, Circle)
end
function Circle:area() return 3 * self.r * self.r end

local objs = {}
for i = 1, 300 do
  local k = i % 3
  if k == 0 then objs[i] = Rect.new(i % 7 + 1, i % 5 + 1)
  elseif k == 1 then objs[i] = Square.new(i % 9 + 1)
  else objs[i] = Circle.new(i % 4 + 1) end
end

local total = 0
for r = 1, 20000 do
  for i = 1, #objs do
    local o = objs[i]
    o:move(1)
    total = total + o:describe()
  end
end
local sides = 0
for i = 1, #objs do
  if objs[i].name == "square" then sides = sides + objs[i]:side() end
end

-- __index / __newindex functions (proxy)
local store = {}
local proxy = setmetatable({}, {
  __index = function(t, k) return store[k] or 0 end,
  __newindex = function(t, k, v) store[k] = v end,
})
for i = 1, 1500000 do local k = i % 50; proxy[k] = proxy[k] + 1 end
print("oop_methods", total, sides, store[0], store[49])
