-- operations at the edges of the double range
print(math.huge * 0, math.huge - math.huge, -math.huge + math.huge)
print(1e308 * 10, -1e308 * 10, 1e-308 / 1e10, 5e-324 / 2)
print(math.floor(1e308), math.ceil(-1e308), math.abs(-1e308))
print(math.sqrt(1e308), math.exp(-1000), math.log(5e-324))
print(2^1024, 2^-1075, 2^-1074)
