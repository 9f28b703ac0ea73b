-- escape sequences in strings and their bytes
print(("\a\b\f\n\r\t\v\\\"\'"):byte(1, -1))
print(("\65\066\0671"):byte(1, -1))
print(#"\z", ("\x41"):len(), "\x41")
print(#"a\
b", ("a\
b"):byte(2))
