local function classify(n)
  if n < 0 then return "negative"
  elseif n == 0 then return "zero"
  elseif n < 10 then return "small"
  elseif n < 100 then return "medium"
  else return "large" end
end
for _, v in ipairs({-5, 0, 3, 42, 1000}) do print(v, classify(v)) end
if nil then print("nil true") else print("nil false") end
if 0 then print("0 is true") end
if "" then print("empty string is true") end
if false then elseif nil then else print("all false") end
local x = 3
if x > 1 then if x > 2 then print("nested", x) end end
