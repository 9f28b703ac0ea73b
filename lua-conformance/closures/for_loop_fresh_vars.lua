-- each iteration of a numeric for gets a fresh loop variable
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())
local gs = {}
for i = 1, 3 do
  gs[i] = {get = function() return i end, set = function(v) i = v end}
end
gs[1].set(100)
print(gs[1].get(), gs[2].get(), gs[3].get())
