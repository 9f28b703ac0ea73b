print(undefinedvar)
gv = 10
print(gv, _G.gv, _G["gv"])
_G.gv2 = "via _G"
print(gv2)
gv = nil
print(gv, rawget(_G, "gv"))
local name = "dyn" .. "amic"
_G[name] = true
print(dynamic)
local gv = "local shadows"
print(gv, _G.gv)
