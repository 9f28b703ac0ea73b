-- require finds Lua files through package.path, caches them, and passes the name.
package.path = "./package/?.lua;" .. package.path
local m = require("mymod")
print(m.twice(21), m.loaded_with, package.loaded.mymod == m, require("mymod") == m)
print(type(package.loaded), type(package.preload), type(package.loaders), #package.loaders)
print(require("string") == string, require("_G") == _G, package.loaded.package == package)
print(type(package.path), type(package.cpath), package.config == "/\n;\n?\n!\n-")
