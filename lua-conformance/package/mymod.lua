-- A module file used by the package scripts (also a script of its own).
local M = {}
M.loaded_with = ...
function M.twice(x) return 2 * x end
return M
