local function chain(n)
  local parts = {}
  for i = 1, n do parts[i] = "'" .. (i % 10) .. "'" end
  return "return " .. table.concat(parts, " .. ")
end
local f = loadstring(chain(150))
print(#f())
print(loadstring(chain(300)))
-- left-associative operators do not nest while parsing
local sum = "return " .. string.rep("1 + ", 1000) .. "1"
print(loadstring(sum)())
