#!/usr/bin/env lua5.1
-- the first line of a script file is skipped when it starts with #
print("shebang skipped")
print(1 + 1)
