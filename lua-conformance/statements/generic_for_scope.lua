local t = {"a", "b", "c"}
for i, v in ipairs(t) do
  v = v .. "!"
  i = i * 100
end
print(t[1], t[2], t[3])
local out = {}
for i, v in ipairs(t) do
  if i == 2 then t[3] = "changed" end
  out[#out + 1] = v
end
print(table.concat(out, " "))
print(i, v)
for k in pairs({a = 1}) do local k = k .. "2"; print(k) end
