local probe = setmetatable({}, {__mode = "k"})
do
  local a, b = {}, {}
  a.other = b
  b.other = a
  probe[a] = true
  probe[b] = true
  local self_ref = {}
  self_ref.me = self_ref
  probe[self_ref] = true
end
collectgarbage()
collectgarbage()
print(next(probe))
