-- escaping specials with %
local specials = { "^", "$", "(", ")", "%", ".", "[", "]", "*", "+", "-", "?" }
for _, c in ipairs(specials) do
  local s = "x" .. c .. "y"
  print(c, s:find("%" .. c), s:match("x%" .. c .. "y"), (s:gsub("%" .. c, "!")))
end
print(("a_b"):find("%_"), ("a b"):find("% "), ("a/b"):match("%/(.)"))
