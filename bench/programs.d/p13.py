if 1 = 1:
    print("eq")
