xs = [1, 2, 3]
for i in range(len(xs) + 1):
    print(xs[i])
