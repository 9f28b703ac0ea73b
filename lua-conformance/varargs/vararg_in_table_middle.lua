local function f(...)
  local t1 = {..., "end"}
  local t2 = {"start", ...}
  local t3 = {(...)}
  return #t1, #t2, #t3, t1[1], t1[2]
end
print(f(1, 2, 3))
print(f("only"))
