local head = nil
for i = 1, 300000 do head = {value = i, next = head} end
local n, sum = 0, 0
local node = head
while node do n = n + 1; sum = sum + node.value; node = node.next end
print(n, sum)
local weak = setmetatable({}, {__mode = "v"})
weak[1] = head
head, node = nil, nil
collectgarbage()
print(weak[1])
