print("calling a missing global")
missing_function(1, 2)
