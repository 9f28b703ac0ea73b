-- gfind is 5.0's name of gmatch, still present in 5.1
print(type(string.gfind))
local out = {}
for k, v in string.gfind("a=1, b=2, c=3", "(%w+)=(%w+)") do
  out[#out + 1] = k .. ":" .. v
end
print(table.concat(out, " "))
local ws = ""
for w in ("x y"):gfind("%a") do ws = ws .. w .. ";" end
print(ws)
print(pcall(string.gfind, "x"))
