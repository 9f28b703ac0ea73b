local A = {a = "from A"}
local B = setmetatable({b = "from B"}, {__index = A})
local C = setmetatable({c = "from C"}, {__index = B})
print(C.a, C.b, C.c, C.d)
A.d = "added later to A"
print(C.d)
C.a = "own a"
print(C.a, A.a, rawget(C, "b"))
