-- many equal strings and numbers equal in value
local t = {}
for i = 1, 40 do t[i] = ({ "b", "a", "c", "a" })[i % 4 + 1] end
table.sort(t)
print(table.concat(t))
local u = {}
for i = 1, 40 do u[i] = (i % 3) * 0.5 end
table.sort(u)
print(table.concat(u, ","))
local z = 0
local w = { z, -z, z, -z, 1, -1, z, -z, 0.5, -0.5 }
table.sort(w)
for i = 1, #w do w[i] = tostring(w[i]) end
print(table.concat(w, " "))
