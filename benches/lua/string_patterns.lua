-- Lua patterns: find, match, gmatch and gsub over generated text.
local words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"}
local lines = {}
for i = 1, 3000 do
  lines[i] = string.format("%s-%d = %s; user%d@example.com [%d]",
    words[i % 8 + 1], i, words[(i * 7) % 8 + 1], i % 97, i * 13 % 1000)
end
local text = table.concat(lines, "\n")

local found, matched, gm, subs = 0, 0, 0, 0
for r = 1, 50 do
  for i = 1, #lines do
    local l = lines[i]
    if l:find("theta", 1, true) then found = found + 1 end
    local k, v = l:match("^(%a+)%-%d+ = (%a+)")
    if k == v then matched = matched + 1 end
    local user = l:match("(%w+)@[%w%.]+")
    if user then matched = matched + #user end
  end
  for num in text:gmatch("%[(%d+)%]") do gm = gm + tonumber(num) end
  for w in text:gmatch("%a+") do gm = gm + 1 end
  local out, n = text:gsub("(%a+)%-(%d+)", "%2:%1")
  subs = subs + n + #out
  local out2 = text:gsub("%d+", function(d) return #d end)
  subs = subs + #out2
end
print("string_patterns", found, matched, gm, subs)
