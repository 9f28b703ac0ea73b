-- the single-character escapes, printed as byte codes
local s = "\a\b\f\n\r\t\v\\\"\'"
for i = 1, #s do print(i, string.byte(s, i)) end
print('it\'s', "say \"hi\"")
print("tab[\t]")
print(#"\n", #"\\n")
