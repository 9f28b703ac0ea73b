local a = "x"
print(a.."y", a .."y", a.. "y")
print(1 .. "", 1.5 .. "|", 10 .. 20)
local t = {a = "field"}
print(t.a.."!")
print(#"abc".."d")
print(("a"):rep(3).."b")
