-- a local declared inside a loop body is fresh each iteration
local fs = {}
local i = 1
while i <= 3 do
  local j = i
  fs[i] = function() j = j + 10; return j end
  i = i + 1
end
print(fs[1](), fs[1](), fs[2](), fs[3]())
-- but a variable declared outside the loop is shared
local shared = {}
local k = 0
while k < 3 do
  k = k + 1
  shared[k] = function() return k end
end
print(shared[1](), shared[2](), shared[3]())
