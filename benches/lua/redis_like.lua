-- A Redis-script-like workload: parse keys such as "user:123:name", split
-- argument strings with gmatch, build reply tables, tonumber/tostring.
local db = {}
local fields = {"name", "age", "score", "city"}
local cities = {"paris", "tokyo", "lima", "oslo"}

local function split(s, sep)
  local out = {}
  for part in s:gmatch("[^" .. sep .. "]+") do out[#out + 1] = part end
  return out
end

local function cmd_set(args)
  local key, val = args[2], args[3]
  db[key] = val
  return "OK"
end

local function cmd_get(args) return db[args[2]] end

local function cmd_incrby(args)
  local v = tonumber(db[args[2]] or "0") + tonumber(args[3])
  db[args[2]] = tostring(v)
  return v
end

local function cmd_hgetall(args)
  local reply = {}
  local prefix = args[2] .. ":"
  for _, f in ipairs(fields) do
    local v = db[prefix .. f]
    if v then reply[#reply + 1] = f; reply[#reply + 1] = v end
  end
  return reply
end

local handlers = {SET = cmd_set, GET = cmd_get, INCRBY = cmd_incrby, HGETALL = cmd_hgetall}

local function dispatch(line)
  local args = split(line, " ")
  local h = handlers[args[1]:upper()]
  return h(args)
end

local checksum = 0
local N = 30000
for id = 1, N do
  dispatch("set user:" .. id .. ":name user" .. id)
  dispatch("set user:" .. id .. ":age " .. (id % 90))
  dispatch("set user:" .. id .. ":city " .. cities[id % 4 + 1])
  dispatch("incrby user:" .. id .. ":score " .. (id * 3 % 101))
end
for r = 1, 4 do
  for id = 1, N do
    local reply = dispatch("HGETALL user:" .. id)
    checksum = checksum + #reply
    local key = "user:" .. id .. ":age"
    local kind, num, field = key:match("^(%a+):(%d+):(%a+)$")
    if kind == "user" and field == "age" then
      checksum = checksum + tonumber(num) + tonumber(dispatch("get " .. key))
    end
    checksum = checksum + dispatch("incrby user:" .. id .. ":score 1")
  end
end
-- KEYS-like scan
local matches = 0
for k in pairs(db) do
  if k:find(":city$") and db[k] == "tokyo" then matches = matches + 1 end
end
print("redis_like", checksum, matches, db["user:77:score"])
