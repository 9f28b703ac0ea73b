-- tostring of powers of two, positive and negative exponents
for e = -20, 70, 5 do print(e, tostring(2 ^ e), tostring(-(2 ^ e)), tostring(2 ^ e + 1)) end
