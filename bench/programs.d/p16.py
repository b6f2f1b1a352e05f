n = 5
total = 0
for i in n:
    total += i
print(total)
