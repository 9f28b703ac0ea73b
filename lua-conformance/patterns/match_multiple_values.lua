-- many captures
local p = string.rep("(.)", 32)
local s = string.rep("x", 16) .. string.rep("y", 16)
local t = { s:match(p) }
print(#t, t[1], t[16], t[17], t[32])
print(pcall(string.match, s, p .. "(.)"))
local u = { ("abcdefghij"):find("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)") }
print(#u, u[1], u[2], u[3], u[12])
print(("abcdefghij"):gsub("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)", "%9%8%7%6%5%4%3%2%1"))
