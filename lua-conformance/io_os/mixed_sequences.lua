-- Pseudo-random sequences of reads, writes, seeks, flushes and buffering
-- changes on one handle, observed through a second handle (glibc's FILE
-- behaviour, 4096-byte blocks), which also writes. A tiny LCG keeps it
-- deterministic.
local name = os.tmpname()
local seed
local function rnd(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return math.floor(seed / 65536) % n
end
local modes = {"r+", "w+", "a+", "w", "a", "r"}
for run = 1, 16 do
  seed = run * 7919
  local init = assert(io.open(name, "w"))
  init:write("0123456789\nabc 12 3.5\nxyz\n")
  init:close()
  local mode = modes[rnd(#modes) + 1]
  local f = assert(io.open(name, mode))
  local g = assert(io.open(name, "r+"))
  local out = {"run " .. run .. " " .. mode}
  local function log(...)
    local t = {...}
    for i = 1, select("#", ...) do t[i] = tostring(t[i]) end
    out[#out + 1] = string.format("%q", table.concat(t, ","))
  end
  for step = 1, 50 do
    local op = rnd(16)
    if op == 0 then log("w", f:write(string.rep(string.char(65 + rnd(26)), rnd(6000))))
    elseif op == 1 then log("wn", f:write(rnd(100), "\n"))
    elseif op == 2 then local s = f:read(rnd(20)); log("r", s and #s, s and s:sub(1, 5))
    elseif op == 3 then log("rl", f:read("*l"))
    elseif op == 4 then log("rn", f:read("*n"))
    elseif op == 5 then local s = f:read("*a"); log("ra", s and #s)
    elseif op == 6 then log("s", f:seek(({"set", "cur", "end"})[rnd(3) + 1], rnd(30) - 10))
    elseif op == 7 then log("fl", f:flush())
    elseif op == 8 then g:seek("set"); log("peek", #g:read("*a"))
    elseif op == 9 then log("vb", f:setvbuf(({"no", "full", "line"})[rnd(3) + 1]))
    elseif op == 10 then log("r0", f:read(0))
    elseif op == 11 then log("ws", f:write(string.rep("q", rnd(300))))
    elseif op == 12 then log("s2", f:seek("set", rnd(9000)))
    elseif op == 14 then
      g:seek("set", rnd(5000))
      log("gw", g:write(string.rep("G", rnd(50))), g:flush())
    elseif op == 15 then
      local n = 0
      local ok = pcall(function() for _ in f:lines() do n = n + 1; if n > 3 then break end end end)
      log("lines", ok, n)
    else log("wl", f:write("line\n"))
    end
  end
  f:close()
  g:seek("set")
  log("final", #g:read("*a"))
  g:close()
  print(table.concat(out, " "))
end
os.remove(name)
