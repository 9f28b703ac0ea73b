local function three() return 1, 2, 3 end
local t = {1, 2, 3,}
print(#t)
t = {1; 2; 3;}
print(#t)
t = {[1] = "a", [2] = "b", x = "c", "d"}
print(t[1], t[2], t.x)
t = {three()}
print(#t)
t = {three(), three()}
print(#t, t[1], t[2], t[4])
t = {(three())}
print(#t)
t = {three(), 10}
print(#t, t[2])
t = {x = 1, y = 2, ["z" .. 1] = 3, [10 * 2] = 4}
print(t.x, t.y, t.z1, t[20])
t = {{}, {{}}, {x = {y = "deep"}}}
print(t[3].x.y)
t = {}
print(next(t))
print(loadstring("t = {,}"))
print(loadstring("t = {1,,2}"))
print(loadstring("t = {x = }"))
