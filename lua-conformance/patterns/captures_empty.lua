-- empty captures and captures of empty strings
print(("abc"):match("(x*)") == "", ("abc"):match("a(x*)b") == "")
print(("abc"):find("(x*)"))
print(("abc"):gsub("(x*)", "-"))
print(select("#", ("abc"):match("(a)(x*)(b)")))
