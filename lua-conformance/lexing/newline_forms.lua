-- \r\n, \n\r, \r and \n all count as one newline in long strings
local function bytes(s)
  local r = {}
  for i = 1, #s do r[#r + 1] = string.byte(s, i) end
  return table.concat(r, ",")
end
print(bytes(loadstring("return [[a\r\nb]]")()))
print(bytes(loadstring("return [[a\n\rb]]")()))
print(bytes(loadstring("return [[a\rb]]")()))
print(bytes(loadstring("return [[a\n\nb]]")()))
print(bytes(loadstring("return [[a\r\n\r\nb]]")()))
print(bytes(loadstring("return [[\r\nfirst skipped]]")()))
-- line counting with \r\n
local f = loadstring("local x = 1\r\nlocal y = 2\r\nerror('here')")
print(pcall(f))
local g = loadstring("\n\r\n\r\rerror('line')")
print(pcall(g))
