local args = {}
for i = 1, 200 do args[i] = "a" .. i end
local src = "local function f(" .. table.concat(args, ",") .. ") return a1 + a200 end return f(" ..
  string.rep("1,", 199) .. "2)"
local f, e = loadstring(src)
print(f and f(), e)
local params = {}
for i = 1, 250 do params[i] = "p" .. i end
print(loadstring("local function g(" .. table.concat(params, ",") .. ") end"))
local function count(...) return select('#', ...) end
local call = "return count(" .. string.rep("1,", 240) .. "1)"
local cf = loadstring(call)
setfenv(cf, {count = count})
print(cf())
