local x = "outer"
do
  local x = "inner"
  print(x)
  do
    local x = "innermost"
    print(x)
  end
  print(x)
end
print(x)
do local y = 1 end
print(y)
do end
do do do print("deep do") end end end
