local mt = getmetatable(io.stdout)
print(type(mt), mt.__index == mt, getmetatable(io.stdin) == mt)
local keys = {}
for k, v in pairs(mt) do keys[#keys + 1] = k .. ":" .. type(v) end
table.sort(keys)
print(table.concat(keys, " "))
local keys2 = {}
for k, v in pairs(io) do keys2[#keys2 + 1] = k .. ":" .. type(v) end
table.sort(keys2)
print(table.concat(keys2, " "))
print(io.stdout.write == mt.write, io.write == mt.write)
print(type(getfenv(io.write)), getfenv(io.write) == getfenv(io.read))
print(getfenv(io.write)[2] == io.stdout, getfenv(io.write)[1] == io.stdin)
print(type(getfenv(io.write).__close), getfenv(io.popen) ~= getfenv(io.write))
print(getfenv(mt.write) == _G)
print(package.loaded.io == io, package.loaded.os == os)
