-- the subject of a gmatch iterator is fixed when it is created
local s = "a b c"
local it = s:gmatch("%a")
s = "x y z"
print(it(), it(), it(), it())
local count = 0
for a in ("1 2 3"):gmatch("%d") do
  for b in ("4 5"):gmatch("%d") do count = count + a * b end
end
print(count)
