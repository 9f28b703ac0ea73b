-- case functions on numbers use the number's string form
print(string.upper(1e300), string.lower(-1e-300), string.upper(0/0 ~= 0/0 and 255 or 0))
print(string.upper(1/0), string.lower(-1/0))
