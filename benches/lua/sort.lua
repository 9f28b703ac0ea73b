-- table.sort on numbers and strings, default and custom comparators.
local seed = 12345
local function rnd()
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed
end

local check = 0
for r = 1, 12 do
  local nums = {}
  for i = 1, 50000 do nums[i] = rnd() % 100000 end
  table.sort(nums)
  check = check + nums[1] + nums[25000] + nums[50000]
  table.sort(nums, function(a, b) return a > b end)
  check = check + nums[1] + nums[100]
end

local strs = {}
for i = 1, 100000 do strs[i] = "s" .. (rnd() % 1000000) end
table.sort(strs)
local ok = true
for i = 2, #strs do if strs[i - 1] > strs[i] then ok = false end end

local recs = {}
for i = 1, 20000 do recs[i] = {k = rnd() % 1000, id = i} end
table.sort(recs, function(a, b)
  if a.k ~= b.k then return a.k < b.k end
  return a.id < b.id
end)
print("sort", check, strs[1], strs[#strs], ok, recs[1].id, recs[#recs].id)
