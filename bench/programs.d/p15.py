nums = []
nums.apend(1)
name = "x"
print(nme)
