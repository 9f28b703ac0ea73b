-- Redis-like key parsing with match and find
local keys = { "user:1000:name", "session:abc-def", "counter", "a:b:c:d", ":x", "x:" }
for _, k in ipairs(keys) do
  local prefix, rest = k:match("^([^:]*):(.*)$")
  print(k, prefix, rest, k:find(":", 1, true), select(2, k:gsub(":", ":")))
end
print(("HSET key f1 v1 f2 v2"):match("^(%u+)%s+(%S+)%s*(.*)$"))
