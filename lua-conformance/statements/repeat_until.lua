local i = 0
repeat i = i + 1 until i >= 5
print(i)
-- the until condition sees locals of the body
local n = 0
repeat
  local done = n >= 3
  n = n + 1
until done
print(n)
repeat local x = 1 until true
print(x)
local count = 0
repeat
  count = count + 1
  if count == 2 then break end
until false
print(count)
repeat until 1
print("repeat ran once")
