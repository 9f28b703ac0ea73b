local fs = {}
for k, v in ipairs({"a", "b", "c"}) do
  fs[#fs + 1] = function() return k .. v end
end
print(fs[1](), fs[2](), fs[3]())
local hs = {}
for _, name in ipairs({"x", "y"}) do
  hs[name] = function(suffix) name = name .. suffix; return name end
end
print(hs.x("1"), hs.x("2"), hs.y("3"))
