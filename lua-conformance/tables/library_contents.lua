-- the names in the string, table and math tables
for _, name in ipairs({ "string", "table", "math" }) do
  local keys = {}
  for k, v in pairs(_G[name]) do keys[#keys + 1] = k .. ":" .. type(v) end
  table.sort(keys)
  print(name, #keys, table.concat(keys, " "))
end
