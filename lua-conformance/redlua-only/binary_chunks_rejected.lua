-- redlua-only: redlua refuses precompiled (binary) chunks, as Redis does for
-- security reasons. Real lua5.1 ACCEPTS them (loadstring(string.dump(f)) works),
-- so this script cannot be recorded with the oracle: binary_chunks_rejected.out
-- was written by hand. The exact error text is not checked, only that loading
-- fails with a string message and without raising an error.

-- string.dump(loadstring("return 42")) as produced by lua5.1 on x86-64
local chunk = "\27\76\117\97\81\0\1\4\8\4\8\0\10\0\0\0\0\0\0\0\114\101\116\117\114\110\32\52\50\0\0\0\0\0\0\0\0\0\0\0\2\2\3\0\0\0\1\0\0\0\30\0\0\1\30\0\128\0\1\0\0\0\3\0\0\0\0\0\0\69\64\0\0\0\0\3\0\0\0\1\0\0\0\1\0\0\0\1\0\0\0\0\0\0\0\0\0\0\0"
print(#chunk, chunk:sub(2, 4))

local f, err = loadstring(chunk)
print(f == nil, type(err))

f, err = loadstring(chunk, "=dumped")
print(f == nil, type(err))

-- the same bytes delivered by a reader function, in two pieces
local pieces = {chunk:sub(1, 10), chunk:sub(11)}
local i = 0
f, err = load(function() i = i + 1 return pieces[i] end)
print(f == nil, type(err))

-- just the signature byte is enough to be treated as binary
f, err = loadstring("\27Lua")
print(f == nil, type(err))

-- a freshly dumped function, when string.dump is available
local dumped = (string.dump and string.dump(function() return 1 end)) or chunk
f, err = loadstring(dumped)
print(f == nil, type(err))

-- text chunks still load
print(loadstring("return 'text ok'")())
