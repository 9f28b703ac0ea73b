local function level1()
  local a = 1
  return function()
    local b = 10
    return function()
      local c = 100
      return function()
        a = a + 1
        return a + b + c
      end
    end
  end
end
local f = level1()()()
print(f(), f(), f())
local g = level1()()()
print(g())
