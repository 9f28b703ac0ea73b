-- redlua-only: redlua bounds the pattern matcher's recursion (as Lua 5.2
-- does): a pattern nesting deeper than 200 matcher calls fails with
-- "pattern too complex" instead of overflowing the C stack, which lua5.1 may
-- do (it crashes), so this cannot be recorded: the .out was written by hand.
local s = string.rep("a", 300)
print(pcall(string.match, s, string.rep("a?", 300)))
print(#s:match(string.rep("a?", 150)))
-- Long runs of one item do not recurse per repetition.
local long = string.rep("ab", 100000)
print(long:find("^[ab]*$"))
print(long:find("^.-$"))
