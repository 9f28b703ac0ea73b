-- %bxy balanced matches
print(("f(a(b)c)d"):match("%b()"), ("[[x]]"):match("%b[]"), ("{a}{b}"):gsub("%b{}", "#"))
print(("(()"):match("%b()"), ("())"):match("%b()"), (")("):match("%b()"))
print(("if (a and (b or c)) then"):find("%b()"))
print(("<<a>"):match("%b<>"), ("x"):match("%b()"), (""):match("%b()"))
print(("aaab"):match("%bab"), ("abab"):gsub("%bab", "."))
print(("'q'"):match("%b''"), ("''x''"):gsub("%b''", "|"))
print(("((((("):find("%b()"), ("(((((x)"):find("%b()"))
