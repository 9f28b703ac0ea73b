-- sets: '-' after a class, ranges at the end, one-char sets
print(("a-z5"):gsub("[%a-]", "."))
print(("abc-"):gsub("[a-]", "."))
print(("b"):find("[a-c]"), ("-"):find("[a-c]"), ("-"):find("[ac-]"))
print(("x"):find("[x]"), ("x"):find("[^x]"), ("y"):find("[^x]"))
print(("%"):find("[%%]"), ("]"):find("[%]]"), ("a]"):find("[]a]"))
print(("\255"):find("[\200-\255]"), ("\100"):find("[\200-\255]"))
print(("^"):find("[%^a]"), ("b"):find("[^%^a]"))
