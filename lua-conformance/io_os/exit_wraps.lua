io.stdout:write("code 258 exits with 2\n")
os.exit(258)
