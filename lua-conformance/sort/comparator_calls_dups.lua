-- comparator call sequences on inputs with duplicates
local function trace(t)
  local calls = {}
  table.sort(t, function(a, b) calls[#calls + 1] = a .. b; return a < b end)
  print(table.concat(t), #calls, table.concat(calls, " "))
end
trace({ 1, 2, 1, 2, 1, 2 })
trace({ 3, 3, 1, 1, 2, 2, 3 })
trace({ 5, 1, 5, 1, 5, 1, 5, 1 })
