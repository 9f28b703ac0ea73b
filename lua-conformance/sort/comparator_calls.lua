-- the exact sequence of comparator calls of 5.1's quicksort
local function trace(t)
  local calls = {}
  table.sort(t, function(a, b) calls[#calls + 1] = a .. "<" .. b; return a < b end)
  print(table.concat(t, " "))
  print(#calls, table.concat(calls, " "))
end
trace({ 3, 1, 2 })
trace({ 1, 2, 3, 4, 5 })
trace({ 5, 4, 3, 2, 1 })
trace({ 2, 2, 2, 2 })
trace({ 9, 1, 8, 2, 7, 3, 6, 4, 5 })
