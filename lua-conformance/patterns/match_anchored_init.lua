-- '^' anchors at init, not at the subject start
local s = "key=value;key2=value2"
print(s:match("^(%w+)=", 11), s:match("^(%w+)=", 10), s:find("^;", 10))
print(s:match("^value", -6), s:match("^value", 5), s:find("^v", 5))
