-- '?' optional item
print(("color"):match("colou?r"), ("colour"):match("colou?r"), ("colouur"):match("colou?r"))
print(("-12"):match("^[+-]?%d+$"), ("12"):match("^[+-]?%d+$"), ("+-12"):match("^[+-]?%d+$"))
print(("ab"):match("a?b?c?"), ("c"):match("a?b?c?"), (""):match("a?") == "")
print(("aab"):match("a?ab"), ("ab"):match("a?ab"))
