local function reader(s) local done = false return function() if not done then done = true return s end end end
print(load(reader("x = @")))
print(load(reader("x = @"), "=myname"))
print(load(reader("x = @"), "@file.lua"))
print(load(reader("x = @"), "some source"))
local f = load(reader("error('e')"), "=named")
print(pcall(f))
print(pcall(load, nil))
