local function bind(f, ...)
  local args = {...}
  local n = select('#', ...)
  return function(...)
    local all = {}
    for i = 1, n do all[i] = args[i] end
    local m = select('#', ...)
    for i = 1, m do all[n + i] = select(i, ...) end
    return f(unpack(all, 1, n + m))
  end
end
local function show(...) return table.concat({...}, ",") end
print(bind(show, 1, 2)(3, 4))
print(bind(show)("only"))
print(bind(select, '#', nil, nil)(nil))
