-- Messages of a module that cannot be found, loaded, or loops.
package.path = "./package/?.lua;./nowhere/?/init.lua"
package.cpath = "./nowhere/?.so"
print(pcall(require, "no.such.mod"))
print(pcall(require, "nosuch"))
package.preload.loopy = function() return require("loopy") end
print(pcall(require, "loopy"))
print(pcall(require, "loopy"))
package.preload.broken = function() error("broken module") end
print(pcall(require, "broken"))
print(pcall(require))
print(pcall(require, {}))
local saved = package.loaders
package.loaders = nil
print(pcall(require, "q"))
package.loaders = saved
package.path = 42
print(pcall(require, "zz"))
