local mt = {__concat = function(a, b)
  local function s(v) return type(v) == "table" and ("<" .. v.n .. ">") or tostring(v) end
  return s(a) .. s(b)
end}
local x = setmetatable({n = "x"}, mt)
print(x .. "str", "str" .. x, x .. 1, 2 .. x, x .. x)
print("a" .. x .. "b")
print("a" .. "b" .. x)
print(pcall(function() return x .. nil end))
print(pcall(function() return {} .. "s" end))
