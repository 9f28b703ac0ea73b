-- Lua 5.1 has no \x, \z or \u escapes: an unknown escape yields the character itself
print("\x41")
print("\z  abc")
print("\q\w\e" == "qwe")
print(#"\x41", "\u{48}")
print("\%" == "%", "\[" == "[")
