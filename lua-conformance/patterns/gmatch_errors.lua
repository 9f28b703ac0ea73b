-- errors of gmatch come from the iterator
print(pcall(string.gmatch))
print(pcall(string.gmatch, "x"))
local it = string.gmatch("abc", "(")
print(pcall(it))
it = string.gmatch("abc", "%")
print(pcall(it))
print(type(string.gmatch("a", "[")))
print(pcall(string.gmatch("abc", "(a)%2")))
