local function locals(n)
  local names = {}
  for i = 1, n do names[i] = "v" .. i end
  return "local " .. table.concat(names, ", ") .. " = 1"
end
local f, e = loadstring(locals(200))
print(f ~= nil, e)
print(loadstring(locals(201)))
print(loadstring("local function g()\n" .. locals(250) .. "\nend"))
local many = {}
for i = 1, 210 do many[i] = "local x" .. i .. " = " .. i end
print(loadstring(table.concat(many, "\n")))
