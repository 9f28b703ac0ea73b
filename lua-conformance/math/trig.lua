-- trigonometric functions
print(math.sin(0), math.sin(math.pi / 2), math.sin(math.pi), math.sin(-math.pi / 6))
print(math.cos(0), math.cos(math.pi), math.cos(math.pi / 3), math.cos(1e10))
print(math.tan(0), math.tan(math.pi / 4), math.tan(1.5), math.tan(-1))
print(math.asin(1), math.asin(-0.5), math.asin(2), math.acos(1), math.acos(0), math.acos(-1))
print(math.atan(1), math.atan(-1/0), math.atan(1/0), math.atan(0.5))
print(math.sin(1/0), math.cos(-1/0))
