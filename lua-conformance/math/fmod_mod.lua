-- fmod and the 5.0 name math.mod
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(-7, -3))
print(math.fmod(5.5, 2), math.fmod(-5.5, 2), math.fmod(1, 0), math.fmod(0, 1))
print(math.fmod(1/0, 1), math.fmod(1, 1/0), math.fmod(-0.0, 1), math.fmod(1e308, 1e-308))
print(math.mod(7, 3), math.mod(-7, 3), math.mod == math.fmod)
print(7 % 3, -7 % 3, 7 % -3, -7 % -3, 5.5 % 2, -5.5 % 2)
print(pcall(math.fmod, 1))
