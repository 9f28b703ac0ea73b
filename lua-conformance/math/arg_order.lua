-- two-argument functions check argument #2 first (C evaluates call arguments right to left)
for _, n in ipairs({"fmod","atan2","pow","ldexp","min","max","random"}) do
  print(n, select(2, pcall(function() return math[n]() end)), select(2, pcall(function() return math[n]("x", "y") end)))
end
print(select(2, pcall(function() return string.rep() end)), select(2, pcall(function() return string.rep({}, {}) end)))
print(select(2, pcall(function() return string.sub() end)), select(2, pcall(function() return string.sub({}, {}) end)))
print(select(2, pcall(function() return string.find({}, {}) end)))
print(select(2, pcall(function() return string.gsub({}, {}, {}) end)))
print(select(2, pcall(function() return table.concat({}, {}, {}) end)))
print(select(2, pcall(function() return table.insert({}, {}, {}) end)))
print(select(2, pcall(function() return string.byte({}, {}) end)))
print(select(2, pcall(function() return string.char("x", "y") end)))
print(select(2, pcall(function() return table.concat(nil, {}) end)))
