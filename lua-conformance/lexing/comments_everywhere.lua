local t = { -- comment in constructor
  1, --[[ between ]] 2,
  3 -- last
}
print(#t, t[1], t[2], t[3])
local function f(a --[[first]], b --[=[second]=])
  return a --[[ op ]] + -- split
    b
end
print(f(1, 2))
print("a" --[[x]] .. --[[y]] "b")
if --[[c]] true --[[d]] then print("if ok") end
-- last line comment without newline
