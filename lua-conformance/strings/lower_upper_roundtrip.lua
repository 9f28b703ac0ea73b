-- mixed use of case functions with comparisons
local words = { "Lua", "REDIS", "mixedCase", "123abc", "" }
for _, w in ipairs(words) do
  print(w:upper(), w:lower(), w:upper():lower() == w:lower(), #w:upper() == #w)
end
print(("ÄÖ"):upper() == "ÄÖ", ("é"):lower() == "é")
