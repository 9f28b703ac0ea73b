local function node(v, l, r) return {v = v, l = l, r = r} end
local tree = node(4, node(2, node(1), node(3)), node(6, node(5), node(7)))
local function walk(t)
  if t then
    walk(t.l)
    coroutine.yield(t.v)
    walk(t.r)
  end
end
local function inorder(t) return coroutine.wrap(function() walk(t) end) end
local out = {}
for v in inorder(tree) do out[#out + 1] = v end
print(table.concat(out, " "))
