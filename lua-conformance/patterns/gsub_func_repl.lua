-- function replacements receive the captures
print(("hello world"):gsub("%w+", function(w) return w:upper() end))
print(("a=1, b=2"):gsub("(%w+)=(%w+)", function(k, v) return v .. "=" .. k end))
print(("abc"):gsub(".", function() end))
print(("abc"):gsub(".", function() return false end))
print(("abc"):gsub(".", function(c) return c:byte() end))
print(("abc"):gsub("()", function(p) return p end))
local calls = {}
print(("xyz"):gsub("", function(...) calls[#calls + 1] = select("#", ...) .. ":" .. (...) end))
print(table.concat(calls, " "))
print(pcall(string.gsub, "abc", "b", function() return {} end))
print(pcall(string.gsub, "abc", "b", function() error("boom") end))
