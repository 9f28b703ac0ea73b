local a, b = "A", "B"
local function swap() a, b = b, a end
local function show() return a .. b end
swap()
print(show())
swap(); swap()
print(show(), a, b)
