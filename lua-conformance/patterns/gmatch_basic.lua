-- gmatch iteration
local out = {}
for w in ("one two  three"):gmatch("%a+") do out[#out + 1] = w end
print(#out, table.concat(out, ","))
out = {}
for k, v in ("a=1,b=2,c=3"):gmatch("(%w+)=(%w+)") do out[#out + 1] = v .. k end
print(table.concat(out, ","))
out = {}
for p in ("abc"):gmatch("()") do out[#out + 1] = p end
print(table.concat(out, ","))
out = {}
for x in ("a,b,,c"):gmatch("([^,]*)") do out[#out + 1] = "[" .. x .. "]" end
print(table.concat(out))
local it = ("ab"):gmatch(".")
print(it(), it(), it(), it())
