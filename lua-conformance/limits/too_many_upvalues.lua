local function build(n)
  local decl, uses = {}, {}
  for i = 1, n do decl[i] = "local u" .. i .. " = " .. i; uses[i] = "u" .. i end
  return table.concat(decl, "\n") .. "\nreturn function() return " .. table.concat(uses, " + ") .. " end"
end
local f = loadstring(build(60))
print(f ~= nil and f()())
print(loadstring(build(61)))
print(loadstring(build(100)))
