-- print calls the global tostring in 5.1
local orig = tostring
tostring = function(v) return "<" .. orig(v) .. ">" end
print(1, "a", nil)
tostring = orig
print(1, "a", nil)
tostring = function() return 42 end
print("x")
tostring = function() return nil end
local ok, e = pcall(print, "y")
tostring = orig
print(ok, e)
print("restored")
