-- Constructor presizing (rounded "floating point byte" sizes) decides where keys land.
local function show(t) local r = {} for k, v in pairs(t) do r[#r+1] = tostring(k) end print(#r, table.concat(r, ' ')) end
show({x=1})
show({x=1, y=2})
show({x=1, y=2, z=3})
show({a=1, b=2, c=3, d=4, e=5, f=6, g=7, h=8, i=9})
show({1, 2, 3, a=1, b=2})
show({[1]=1, [2]=2, [3]=3})
show({[3]=3, [2]=2, [1]=1})
show({1, 2, nil, 4})
show({nil, nil, 3})
local function three() return 1, 2, 3 end
show({three()})
show({three(), three()})
show({0, three()})
local big = {}
for i = 1, 17 do big[#big + 1] = "k" .. i .. " = " .. i end
show(loadstring("return {" .. table.concat(big, ", ") .. "}")())
local arr = {}
for i = 1, 40 do arr[i] = tostring(i) end
show(loadstring("return {" .. table.concat(arr, ", ") .. ", x = 1}")())
