-- splitting and joining, Redis-style argument handling
local function split(s, sep)
  local out, pos = {}, 1
  while true do
    local a, b = s:find(sep, pos, true)
    if not a then out[#out + 1] = s:sub(pos); break end
    out[#out + 1] = s:sub(pos, a - 1)
    pos = b + 1
  end
  return out
end
local parts = split("user:1000:name::x", ":")
print(#parts, table.concat(parts, "|"))
print(#split("", ","), #split(",", ","), #split("a,b,", ","), table.concat(split("a--b--c", "--"), " "))
