-- Table hash part with string keys: counting words, field access, next/pairs.
local syll = {"ka", "lo", "mi", "re", "tu", "sa", "ne", "po", "vi", "da"}
local words = {}
local seed = 42
local function rnd(n)
  seed = (seed * 16807) % 2147483647
  return seed % n + 1
end
for i = 1, 20000 do
  words[i] = syll[rnd(10)] .. syll[rnd(10)] .. syll[rnd(10)]
end

local counts = {}
for r = 1, 200 do
  for i = 1, #words do
    local w = words[i]
    counts[w] = (counts[w] or 0) + 1
  end
end

local distinct, maxc, maxw = 0, 0, ""
for w, c in pairs(counts) do
  distinct = distinct + 1
  if c > maxc or (c == maxc and w < maxw) then maxc, maxw = c, w end
end

-- record-style field access
local rec = {alpha = 1, beta = 2, gamma = 3, delta = 4, epsilon = 5}
local acc = 0
for i = 1, 4000000 do
  rec.alpha = rec.beta + rec.gamma
  acc = acc + rec.alpha + rec.delta - rec.epsilon
end

-- insert and delete many keys
local t = {}
for i = 1, 200000 do t["k" .. i] = i end
local s = 0
for i = 1, 200000, 2 do s = s + t["k" .. i]; t["k" .. i] = nil end
local left = 0
for _ in pairs(t) do left = left + 1 end
print("hash_words", distinct, maxc, maxw, acc, s, left)
