-- # and string.len agree for many lengths
local ok = true
for n = 0, 300, 7 do
  local s = string.rep("\0a", n)
  if #s ~= 2 * n or s:len() ~= 2 * n or string.len(s) ~= #s then ok = false end
end
print(ok, #string.rep("\0", 1000))
