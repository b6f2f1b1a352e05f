n = 3
print(n + " items")
