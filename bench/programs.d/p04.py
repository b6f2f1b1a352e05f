nums = [1, 2, 3]
print("sum is " + sum(nums))
