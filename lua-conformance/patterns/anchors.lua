-- ^ and $ anchors; elsewhere they are literals
print(("abc"):match("^a"), ("abc"):match("^b"), ("abc"):match("c$"), ("abc"):match("b$"))
print(("abc"):match("^abc$"), ("abcd"):match("^abc$"), (""):match("^$") == "")
print(("a^b"):match("a^b"), ("a$b"):match("a$b"), ("$"):match("^%$$"))
print(("abc"):gsub("^", ">"), ("abc"):gsub("$", "<"))
print(("aaa"):gsub("^a", "b"), ("xaa"):gsub("^a", "b"))
print(("hello"):find("^h", 1), ("hello"):find("^e", 2), ("hello"):find("^l", -2))
