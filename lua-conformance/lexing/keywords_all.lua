-- all 21 reserved words of Lua 5.1 cannot be used as names
local words = {"and", "break", "do", "else", "elseif", "end", "false", "for",
  "function", "if", "in", "local", "nil", "not", "or", "repeat", "return",
  "then", "true", "until", "while"}
print(#words)
for _, w in ipairs(words) do
  local f = loadstring("local " .. w .. " = 1")
  print(w, f == nil)
end
for _, w in ipairs({"goto", "continue", "self", "_ENV", "integer", "const"}) do
  print(w, loadstring("local " .. w .. " = 1") ~= nil)
end
