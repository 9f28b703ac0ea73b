-- syntax from later Lua versions is rejected by 5.1
print(loadstring("local x <const> = 1"))
print(loadstring("local x <close> = nil"))
print(loadstring("return 7 // 2"))
print(loadstring("return 1 | 2"))
print(loadstring("return ~1"))
print(loadstring("return 1 >> 2"))
print(loadstring("goto continue"))
print(loadstring("return 0x1p4") ~= nil)
