-- preload functions, loaded values, and what require returns.
package.preload.answer = function(...) print("loading", ...) return 42 end
print(require("answer"), require("answer"))
package.preload.nothing = function() end
print(require("nothing"), package.loaded.nothing)
package.loaded.fake = "already"
print(require("fake"))
package.loaded.falsy = false
package.preload.falsy = function() return "now loaded" end
print(require("falsy"))
package.preload.setsloaded = function(name) package.loaded[name] = "set by loader" end
print(require("setsloaded"))
print(pcall(package.loadlib))
package.path = {}
print(pcall(require, "notastring"))
