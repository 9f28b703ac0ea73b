-- chunk names: "=name" is used verbatim, "@file" as a file name
print(loadstring("x = @", "=custom name"))
print(loadstring("x = @", "@some/file.lua"))
print(loadstring("x = @", "plain"))
print(loadstring("x = @", ""))
print(loadstring("x = @", "="))
print(pcall(loadstring("error('e')", "=mychunk")))
print(pcall(loadstring("error('e')", "@mod.lua")))
print(pcall(loadstring("\n\nerror('e')", "=lines")))
