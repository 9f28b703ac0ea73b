-- standard input is /dev/null for the suite
print(io.read())
print(io.read("*a"))
print(io.read("*n"))
print(io.read(0), io.read(5))
print(io.stdin:read("*l", "*a"))
for l in io.lines() do print("never", l) end
print(io.stdin:seek())
print(io.input() == io.stdin, io.type(io.stdin))
