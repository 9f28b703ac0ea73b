-- pairs visits keys in PUC Lua 5.1 order (array part, then hash nodes).
local function show(t) local r = {} for k, v in pairs(t) do r[#r+1] = tostring(k) .. '=' .. tostring(v) end print(table.concat(r, ' ')) end
show({a=1, b=2, c=3, d=4, e=5})
show({1, 2, 3, x=1, y=2, [10]=3, [2.5]=4})
local t = {} for i = 1, 20 do t['key' .. i] = i end show(t)
local t = {} for i = 20, 1, -1 do t[i] = i end show(t)
local t = {} for i = 1, 10 do t[i * 3] = i end show(t)
local t = {} for i = 1, 10 do t['k' .. i] = i end for i = 1, 10, 2 do t['k' .. i] = nil end for i = 11, 15 do t['k' .. i] = i end show(t)
local t = {1, 2, 3, 4, 5} t[3] = nil t[10] = 10 print(#t) show(t)
local t = {} t[1] = 1 t[2] = 2 t[4] = 4 print(#t) t[3] = 3 print(#t) show(t)
local t = {n = 1, [1] = 'a', [2] = 'b', [true] = 't', [false] = 'f'} show(t)
local t = {} for w in ("the quick brown fox jumps over the lazy dog again and again"):gmatch("%a+") do t[w] = (t[w] or 0) + 1 end show(t)
local t = {} for i = 1, 100 do t[i] = i end for i = 1, 90 do t[i] = nil end collectgarbage() for i = 101, 120 do t[i] = i end print(#t) show(t)
