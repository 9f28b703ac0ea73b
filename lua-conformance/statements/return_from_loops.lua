local function find(t, v)
  for i, x in ipairs(t) do if x == v then return i end end
  return nil
end
print(find({5, 6, 7}, 7), find({5, 6, 7}, 9))
local function firstneg(t)
  local i = 1
  while true do
    if t[i] == nil then return "none" end
    if t[i] < 0 then return t[i], i end
    i = i + 1
  end
end
print(firstneg({1, 2, -3, -4}))
print(firstneg({1}))
local function r() repeat do return "from repeat" end until false end
print(r())
