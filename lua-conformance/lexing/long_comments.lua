--[[ a long comment
spanning lines
]] print("after level-0 comment")
--[==[ level 2 ]] still inside
]==] print("after level-2 comment")
--[ not a long comment, just a line comment
print("line comment ok")
--[=[]=]print("empty long comment")
local x = 1 --[[ inline ]] + 2
print(x)
---[[ this is a line comment, so the next line runs
print("triple dash")
--]]
--[[
print("never")
--]]
print("end")
