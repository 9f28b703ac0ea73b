print(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, 2 > 1, 1 == 1.0)
print(-0 == 0, 0.1 + 0.2 == 0.3, 1/0 > 1e308, -1/0 < -1e308)
local nan = 0/0
print(nan == nan, nan ~= nan, nan < 1, nan > 1, nan <= nan, nan >= nan)
print(not (nan < 1), not (nan >= 1))
print(math.huge == math.huge, -math.huge < math.huge)
