local cases = {
  "x = = 1",
  "local function f()\n  return 1\n\n",
  "if x then else",
  "f(",
  "a.b.c",
  "return 1 +",
  "x = {1 2}",
  "local t = {a = 1, b = }",
  "for i = 1, 2 print(i) end",
  "x = 3x",
  "x = 'abc",
  "x = [==[",
  "x = #",
  "x = function(a,) end",
  "x = (...)",
  "function f(a, a) end",
  "local x, = 1",
  "while do end",
}
for i, src in ipairs(cases) do
  local f, err = loadstring(src)
  print(i, f ~= nil, err)
end
