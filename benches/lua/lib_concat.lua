-- table.concat of 100,000 pieces: strings, numbers, with and without separator.
local strs, nums = {}, {}
for i = 1, 100000 do strs[i] = "field" .. (i % 100); nums[i] = i * 1.5 end
local acc = 0
for r = 1, 40 do
  acc = acc + #table.concat(strs) + #table.concat(strs, ",")
  if r % 4 == 0 then acc = acc + #table.concat(nums, " ") end
end
print("lib_concat", acc)
