-- a closure created in a function keeps working after that function returned,
-- while a sibling closure created in a later call is independent
local function make(v)
  local function get() return v end
  local function inc() v = v + 1 end
  return get, inc
end
local g1, i1 = make(1)
local g2, i2 = make(100)
i1(); i1(); i2()
print(g1(), g2())
