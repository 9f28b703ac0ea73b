print(nil and 1, false and 1, 0 and 1, "" and 1)
print(nil or "d", false or "d", 0 or "d", "" or "d")
print(nil or false, false or nil, false and nil, nil and false)
print(not nil, not false, not 0, not "", not {})
local calls = 0
local function f(v) calls = calls + 1 return v end
local r = f(false) and f(true)
print(r, calls)
r = f(true) or f(false)
print(r, calls)
r = f(nil) or f(false) or f(0)
print(r, calls)
local function mr() return 1, 2 end
print(mr() and mr())
print(nil or mr())
local x = nil
print(x and x.field or "default")
