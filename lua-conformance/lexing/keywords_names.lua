-- identifiers: case-sensitive, underscores, keywords-like names
local And, AND, aNd = 1, 2, 3
print(And, AND, aNd)
local _ = "underscore"
local __ = "double"
local _x9 = "mixed"
print(_, __, _x9)
local goto = "goto is a plain name in 5.1"
print(goto)
local _ENV = "also plain"
print(_ENV)
local t = {}
t["end"] = 1
t["nil"] = 2
print(t["end"], t["nil"])
Local = "global named Local"
print(Local)
print(loadstring("local end = 1"))
print(loadstring("x.and = 1"))
