-- gsub returns two values; counting matches
local s, n = ("one two three"):gsub("%w+", "%0")
print(s, n, type(n))
print(select("#", ("x"):gsub("x", "y")))
local _, words = ("the quick brown fox"):gsub("%S+", "")
print(words)
local _, vowels = ("programming in lua"):gsub("[aeiou]", "%0")
print(vowels)
