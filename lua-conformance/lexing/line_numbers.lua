-- line numbers in messages after multi-line strings and comments
local src = "local s = [[\nA\nB\nC]]\n--[[\ncomment\n]]\nerror('where')"
print(pcall(loadstring(src)))
local src2 = "local s = 'a\\\nb\\\nc'\nerror('where2')"
print(pcall(loadstring(src2)))
print(loadstring("x = 1\n\n\n\ny = = 2"))
print(loadstring("x = [[\n\n\n]] y = = 2"))
local function f()
  error("line of f")
end
print(pcall(f))
