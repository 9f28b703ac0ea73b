print("before the error")
local function fail() error("something went wrong") end
fail()
print("never printed")
