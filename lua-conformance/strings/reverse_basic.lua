-- string.reverse
print(string.reverse("abc"), ("").reverse("") == "", ("a"):reverse())
print(("a\0b"):reverse() == "b\0a", string.reverse(123), string.reverse(1.25))
local s = string.rep("ab", 1000) .. "c"
print(#s:reverse(), s:reverse():sub(1, 3))
print(pcall(string.reverse))
