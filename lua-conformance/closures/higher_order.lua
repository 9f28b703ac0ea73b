local function map(f, t) local r = {} for i, v in ipairs(t) do r[i] = f(v) end return r end
local function filter(p, t) local r = {} for _, v in ipairs(t) do if p(v) then r[#r + 1] = v end end return r end
local function fold(f, acc, t) for _, v in ipairs(t) do acc = f(acc, v) end return acc end
local nums = {1, 2, 3, 4, 5, 6}
print(table.concat(map(function(x) return x * x end, nums), " "))
print(table.concat(filter(function(x) return x % 2 == 0 end, nums), " "))
print(fold(function(a, b) return a + b end, 0, nums))
local function compose(...)
  local fs = {...}
  return function(x) for i = #fs, 1, -1 do x = fs[i](x) end return x end
end
print(compose(function(x) return x + 1 end, function(x) return x * 3 end)(4))
