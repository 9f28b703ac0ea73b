local fs = {}
local n = 0
repeat
  n = n + 1
  local captured = n * 2
  fs[n] = function() return captured end
until captured >= 6
print(#fs, fs[1](), fs[2](), fs[3]())
local g
repeat
  local x = "in body"
  g = function() return x end
until g() == "in body"
print(g())
